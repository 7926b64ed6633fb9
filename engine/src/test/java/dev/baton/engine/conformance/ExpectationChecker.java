package dev.baton.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.engine.conformance.ConformanceRuntime.Handed;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the corpus's {@code Expectation} blocks against the runtime's instances: workflow
 * fields, the task list ({@code tasks}, {@code tasksInclude}, {@code tasksExclude}), inputs,
 * outputs, variables, failed task names, captured ids, and the task a worker received in the
 * step ({@code taskInput}, {@code polledTask}).
 */
final class ExpectationChecker {
    private final ConformanceRuntime runtime;
    private final WorkflowRefs refs;
    private final Map<String, String> captures;

    ExpectationChecker(ConformanceRuntime runtime, WorkflowRefs refs, Map<String, String> captures) {
        this.runtime = runtime;
        this.refs = refs;
        this.captures = captures;
    }

    /**
     * Checks an Expectation or an array of them. Returns the number of blocks checked and adds
     * one message per failed check to {@code out}; {@code failedBlocks[0]} counts blocks with a failure.
     */
    int check(JsonNode expectations, Handed handed, List<String> out, int[] failedBlocks) {
        if (expectations == null || expectations.isMissingNode() || expectations.isNull()) {
            return 0;
        }
        List<JsonNode> blocks = new ArrayList<>();
        if (expectations.isArray()) {
            expectations.forEach(blocks::add);
        } else {
            blocks.add(expectations);
        }
        for (JsonNode block : blocks) {
            List<String> messages = checkOne((ObjectNode) block, handed);
            if (!messages.isEmpty()) {
                failedBlocks[0]++;
                out.addAll(messages);
            }
        }
        return blocks.size();
    }

    private List<String> checkOne(ObjectNode exp, Handed handed) {
        List<String> out = new ArrayList<>();
        JsonNode ref = exp.get("workflow");
        String label = ref == null ? "main" : ref.toString();
        String workflowId;
        try {
            workflowId = refs.resolve(ref);
        } catch (IllegalArgumentException e) {
            out.add("[" + label + "] workflow ref: " + e.getMessage());
            return out;
        }
        WorkflowInstance wf = runtime.instance(workflowId).orElseThrow();
        ObjectNode view = Views.workflow(wf);
        JsonMatcher m = new JsonMatcher(new JsonMatcher.Ids() {
            @Override
            public String workflowId(String name) {
                String id = refs.instanceId(name);
                return id != null ? id : captures.get(name);
            }

            @Override
            public String taskId(String taskRef, String of) {
                WorkflowInstance in =
                        of == null ? wf : runtime.instance(refs.instanceId(of)).orElse(null);
                return in == null
                        ? null
                        : WorkflowRefs.latest(in, taskRef).map(t -> t.taskId).orElse(null);
            }
        });
        String p = "[" + label + "] ";
        for (Iterator<Map.Entry<String, JsonNode>> it = exp.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            JsonNode want = f.getValue();
            switch (key) {
                case "workflow", "notes" -> {}
                case "workflowStatus" ->
                    add(
                            out,
                            p,
                            m.match(want, view.get("status"), key, false, null).stream()
                                    .map(x -> wf.reasonForIncompletion == null
                                            ? x
                                            : new JsonMatcher.Mismatch(
                                                    x.path(),
                                                    x.expected(),
                                                    x.actual() + " (reasonForIncompletion: " + wf.reasonForIncompletion
                                                            + ")"))
                                    .toList());
                case "workflowName", "correlationId", "reasonForIncompletion", "lastRetriedTime" ->
                    add(out, p, m.match(want, view.get(key), key, false, null));
                case "taskCount" -> add(out, p, m.match(want, IntNode.valueOf(wf.tasks.size()), key, false, null));
                case "tasks" -> {
                    for (JsonNode te : want) {
                        int i = te.path("index").asInt(-1);
                        if (i < 0 || i >= wf.tasks.size()) {
                            out.add(p + "tasks[" + i + "]: no task at that index (taskCount " + wf.tasks.size()
                                    + "); expected " + JsonMatcher.show(te) + "; tasks " + summary(wf));
                            continue;
                        }
                        add(out, p, taskMismatches(m, te, wf, i, "tasks[" + i + "]"));
                    }
                }
                case "tasksInclude" -> {
                    for (JsonNode te : want) {
                        if (firstMatching(m, te, wf) < 0) {
                            out.add(p + "tasksInclude: no task matches " + JsonMatcher.show(te) + "; tasks "
                                    + summary(wf));
                        }
                    }
                }
                case "tasksExclude" -> {
                    for (JsonNode te : want) {
                        int i = firstMatching(m, te, wf);
                        if (i >= 0) {
                            out.add(p + "tasksExclude: tasks[" + i + "] matches " + JsonMatcher.show(te));
                        }
                    }
                }
                case "workflowInput" -> add(out, p, m.match(want, view.get("input"), key, false, null));
                case "workflowOutput" -> add(out, p, m.match(want, view.get("output"), key, false, null));
                case "workflowOutputExact" -> add(out, p, m.match(want, view.get("output"), key, true, null));
                case "variables" -> add(out, p, m.match(want, view.get("variables"), key, false, null));
                case "variablesExact" -> add(out, p, m.match(want, view.get("variables"), key, true, null));
                case "failedReferenceTaskNames", "failedTaskNames" -> {
                    Set<String> expected = new LinkedHashSet<>();
                    want.forEach(n -> expected.add(n.asText()));
                    Set<String> actual = Views.failedNames(wf, key.equals("failedReferenceTaskNames"));
                    if (!expected.equals(actual)) {
                        out.add(p + key + ": expected " + expected + ", actual " + actual);
                    }
                }
                case "workflowIdEquals", "workflowIdNotEquals" -> {
                    String captured = captures.get(want.asText());
                    boolean equal = workflowId.equals(captured);
                    if (captured == null) {
                        out.add(p + key + ": nothing captured as '" + want.asText() + "'");
                    } else if (equal != key.equals("workflowIdEquals")) {
                        out.add(p + key + ": workflow id " + workflowId + (equal ? " equals " : " differs from ")
                                + "captured '" + want.asText() + "' " + captured);
                    }
                }
                case "taskInput", "polledTask" -> {
                    if (handed == null) {
                        out.add(p + key + ": no task was handed to a worker in this step");
                    } else {
                        JsonNode actual = key.equals("taskInput")
                                ? Views.polled(handed.workflowId(), handed.task())
                                        .get("inputData")
                                : Views.polled(handed.workflowId(), handed.task());
                        add(out, p, m.match(want, actual, key, false, handed.taskId()));
                    }
                }
                default -> out.add(p + key + ": unsupported expectation field");
            }
        }
        return out;
    }

    private static List<JsonMatcher.Mismatch> taskMismatches(
            JsonMatcher m, JsonNode te, WorkflowInstance wf, int i, String path) {
        ObjectNode view = Views.task(wf, i);
        String ownId = wf.tasks.get(i).taskId;
        List<JsonMatcher.Mismatch> out = new ArrayList<>();
        String refNote = " (task " + wf.tasks.get(i).referenceTaskName + ")";
        for (Iterator<Map.Entry<String, JsonNode>> it = te.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            switch (key) {
                case "index" -> {}
                case "outputExact" ->
                    out.addAll(m.match(f.getValue(), view.get("output"), path + ".outputExact", true, ownId));
                case "ref",
                        "type",
                        "status",
                        "input",
                        "output",
                        "retryCount",
                        "retried",
                        "retriedFromIndex",
                        "iteration",
                        "seq",
                        "callbackAfterSeconds",
                        "reasonForIncompletion" -> {
                    List<JsonMatcher.Mismatch> ms =
                            m.match(f.getValue(), view.get(key), path + "." + key, false, ownId);
                    String reason = wf.tasks.get(i).reasonForIncompletion;
                    if (key.equals("status") && reason != null) {
                        ms = ms.stream()
                                .map(x -> new JsonMatcher.Mismatch(
                                        x.path(),
                                        x.expected(),
                                        x.actual() + " (reasonForIncompletion: " + reason + ")"))
                                .toList();
                    }
                    if (!key.equals("ref")) {
                        ms = ms.stream()
                                .map(x -> new JsonMatcher.Mismatch(x.path() + refNote, x.expected(), x.actual()))
                                .toList();
                    }
                    out.addAll(ms);
                }
                default ->
                    out.add(new JsonMatcher.Mismatch(
                            path + "." + key,
                            "(unsupported TaskExpect field)",
                            JsonMatcher.show(TextNode.valueOf(key))));
            }
        }
        return out;
    }

    private static int firstMatching(JsonMatcher m, JsonNode te, WorkflowInstance wf) {
        for (int i = 0; i < wf.tasks.size(); i++) {
            if (taskMismatches(m, te, wf, i, "").isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static void add(List<String> out, String prefix, List<JsonMatcher.Mismatch> mismatches) {
        mismatches.forEach(x -> out.add(prefix + x));
    }

    /** The task list in one line: ref:type:status per task. */
    static String summary(WorkflowInstance wf) {
        StringBuilder sb = new StringBuilder("[");
        for (TaskState t : wf.tasks) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(t.referenceTaskName)
                    .append(':')
                    .append(t.conductorType())
                    .append(':')
                    .append(t.status);
            if (t.reasonForIncompletion != null && t.status != null && t.status.isTerminal()) {
                sb.append(" {").append(t.reasonForIncompletion).append('}');
            }
        }
        return sb.append(']').toString();
    }
}
