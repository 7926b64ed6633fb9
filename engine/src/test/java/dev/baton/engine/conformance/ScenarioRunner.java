package dev.baton.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.RejectedInputException;
import dev.baton.engine.conformance.ConformanceRuntime.Handed;
import dev.baton.engine.conformance.ScenarioResult.Failure;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one scenario of the corpus against a fresh {@link ConformanceRuntime}: applies its
 * setup, carries out its steps, checks each step's expectations and the final ones.
 */
final class ScenarioRunner {
    /** How long a worker step keeps asking for a task (the corpus's settle timeout). */
    static final long WAIT_FOR_TASK_SECONDS = 15;
    /** Operator actions the engine API does not offer yet. */
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A step that cannot be carried out: the rest of the scenario is skipped. */
    private static final class Abort extends RuntimeException {
        Abort(String message) {
            super(message, null, false, false);
        }
    }

    private final Corpus corpus;
    private final ObjectNode scenario;
    private final ConformanceRuntime runtime = new ConformanceRuntime();
    private final Map<String, String> instances = new LinkedHashMap<>();
    private final Map<String, String> captures = new HashMap<>();
    private final Map<String, Handed> handles = new HashMap<>();
    private final Map<String, String> definitionErrors = new LinkedHashMap<>();
    private final WorkflowRefs refs = new WorkflowRefs(runtime, instances);
    private final ExpectationChecker checker = new ExpectationChecker(runtime, refs, captures);
    private final List<Failure> failures = new ArrayList<>();
    private final List<Failure> inferredFailures = new ArrayList<>();
    private final List<String> unsupported = new ArrayList<>();
    private int expectBlocks;
    private int inferredBlocks;
    private final int[] inferredFailed = new int[1];

    private ScenarioRunner(Corpus corpus, ObjectNode scenario, boolean trace) {
        this.corpus = corpus;
        this.scenario = scenario;
        if (trace) {
            runtime.enableTrace();
        }
    }

    /** Runs one scenario; never throws for what the engine does. */
    static ScenarioResult run(Corpus corpus, ObjectNode scenario) {
        return run(corpus, scenario, false);
    }

    /** Runs one scenario, recording a trace of every input, effect and task list in the result when asked. */
    static ScenarioResult run(Corpus corpus, ObjectNode scenario, boolean trace) {
        return new ScenarioRunner(corpus, scenario, trace).run();
    }

    private ScenarioResult run() {
        long started = System.nanoTime();
        String where = "setup";
        boolean aborted = false;
        try {
            setup();
            JsonNode steps = scenario.path("steps");
            for (int i = 0; i < steps.size(); i++) {
                JsonNode step = steps.get(i);
                where = "step " + i + " (" + step.path("do").asText() + ")";
                runtime.trace("== " + where + " " + JsonMatcher.show(step));
                Handed handed = execute(step, where);
                runtime.trace("   " + summary());
                check(step.get("expect"), step.get("expectInferred"), handed, where);
            }
            where = "final";
            check(scenario.get("expect"), scenario.get("expectInferred"), null, where);
        } catch (Abort a) {
            failures.add(new Failure(where, a.getMessage()));
            aborted = true;
        } catch (RuntimeException e) {
            failures.add(new Failure(where, "threw " + e + at(e)));
            aborted = true;
        }
        if (aborted && !"final".equals(where)) {
            failures.add(new Failure("final", "not checked: the scenario stopped at " + where));
        }
        return new ScenarioResult(
                scenario.path("id").asText(),
                scenario.path("workflow").asText(),
                scenario.path("inferred").asBoolean(),
                List.copyOf(failures),
                expectBlocks,
                inferredBlocks,
                inferredFailed[0],
                List.copyOf(inferredFailures),
                List.copyOf(runtime.notes()),
                List.copyOf(unsupported),
                (System.nanoTime() - started) / 1_000_000,
                runtime.trace());
    }

    // ---- setup --------------------------------------------------------------------------

    private void setup() {
        JsonNode setup = scenario.path("setup");
        JsonNode overrides = setup.path("taskDefOverrides");
        Set<String> known = new HashSet<>();
        for (ObjectNode td : corpus.taskDefs) {
            ObjectNode doc = td.deepCopy();
            String name = doc.path("name").asText();
            known.add(name);
            if (overrides.has(name)) {
                doc.setAll((ObjectNode) overrides.get(name));
            }
            registerTask(doc);
        }
        for (Iterator<String> it = overrides.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                ObjectNode doc = F.objectNode().put("name", name);
                doc.setAll((ObjectNode) overrides.get(name));
                registerTask(doc);
            }
        }
        String definitionFile = scenario.path("definitionFile").asText();
        for (String file : corpus.workflowFiles.keySet()) {
            registerWorkflow(file, corpus.workflowFile(file));
        }
        if (setup.has("definitionPatch")) {
            ObjectNode base = corpus.workflowFile(definitionFile);
            if (base == null) {
                throw new Abort("definitionFile " + definitionFile + " is not in the corpus");
            }
            JsonNode patched;
            try {
                patched = JsonPatch.apply(base, setup.get("definitionPatch"));
            } catch (IllegalArgumentException e) {
                throw new Abort("definitionPatch does not apply: " + e.getMessage());
            }
            registerWorkflow(definitionFile, patched);
        }
        List<String> needed = new ArrayList<>();
        needed.add(definitionFile);
        scenario.path("extraDefinitions").forEach(n -> needed.add(n.asText()));
        for (String file : needed) {
            if (definitionErrors.containsKey(file)) {
                throw new Abort("definition " + file + " rejected by the parser: " + definitionErrors.get(file));
            }
            if (corpus.workflowFile(file) == null) {
                throw new Abort("definition " + file + " is not in the corpus");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        setup.path("engineConfig").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            runtime.configure(c.getKey(), c.getValue());
            if (!"maxWorkflowVariablesPayloadSizeKB".equals(c.getKey())) {
                unsupported.add("engineConfig." + c.getKey());
            }
        }
    }

    private void registerTask(ObjectNode doc) {
        try {
            runtime.registerTask(DefinitionParser.task(doc.toString()));
        } catch (RuntimeException e) {
            runtime.notes().add("task definition " + doc.path("name").asText() + " rejected: " + e.getMessage());
        }
    }

    private void registerWorkflow(String file, JsonNode doc) {
        try {
            runtime.registerWorkflow(DefinitionParser.workflow(doc.toString()));
            definitionErrors.remove(file);
        } catch (RuntimeException e) {
            definitionErrors.put(file, e.getMessage());
        }
    }

    // ---- steps ----------------------------------------------------------------------------

    /** Carries out one step; returns the task handed to a worker in it, if any. */
    private Handed execute(JsonNode step, String where) {
        String kind = step.path("do").asText();
        switch (kind) {
            case "start" -> start(step);
            case "poll" -> {
                String type = step.path("taskType").asText();
                if (step.path("expectNone").asBoolean(false)) {
                    if (runtime.available(type)) {
                        failures.add(new Failure(
                                where, "expectNone: a task of type " + type + " is available; " + summary()));
                    }
                    return null;
                }
                Handed h = take(type);
                if (step.has("as")) {
                    handles.put(step.get("as").asText(), h);
                }
                return h;
            }
            case "complete" -> {
                return reply(step, ReplyStatus.COMPLETED);
            }
            case "fail" -> {
                return reply(step, ReplyStatus.FAILED);
            }
            case "fail_terminal" -> {
                return reply(step, ReplyStatus.FAILED_WITH_TERMINAL_ERROR);
            }
            case "in_progress" -> {
                return reply(step, ReplyStatus.IN_PROGRESS);
            }
            case "signal" -> signal(step, where);
            case "wait_seconds" -> runtime.advance(step.path("n").asLong());
            case "pause" -> control(step, new EngineInput.Pause("paused by the conformance run"), where);
            case "resume" -> control(step, new EngineInput.Resume("resumed by the conformance run"), where);
            case "terminate" ->
                control(step, new EngineInput.Terminate(step.path("reason").textValue()), where);
            case "restart" ->
                control(
                        step,
                        new EngineInput.Restart(step.path("useLatestDefinition").asBoolean(false)),
                        where);
            case "retry" ->
                control(
                        step,
                        new EngineInput.Retry(
                                step.path("resumeSubworkflowTasks").asBoolean(false)),
                        where);
            case "rerun" ->
                control(
                        step,
                        new EngineInput.Rerun(
                                step.path("fromTaskRef").textValue(),
                                step.hasNonNull("taskInput") ? object(step.get("taskInput")) : null,
                                step.hasNonNull("workflowInput") ? object(step.get("workflowInput")) : null),
                        where);
            case "skip_task" ->
                control(
                        step,
                        new EngineInput.SkipTask(
                                step.path("taskRef").asText(),
                                null,
                                step.hasNonNull("output") ? object(step.get("output")) : null),
                        where);
            case "reset_callbacks" -> runtime.resetCallbacks(target(step));
            case "decide" -> runtime.settle();
            case "register_definition" -> {
                String basedOn = step.path("basedOn").asText();
                ObjectNode base = corpus.workflowFile(basedOn);
                if (base == null) {
                    throw new Abort("register_definition: " + basedOn + " is not in the corpus");
                }
                try {
                    runtime.registerWorkflow(DefinitionParser.workflow(
                            JsonPatch.apply(base, step.path("patch")).toString()));
                } catch (RuntimeException e) {
                    throw new Abort("register_definition: " + e.getMessage());
                }
            }
            case "capture" -> captures.put(step.path("name").asText(), target(step));
            default -> throw new Abort("unknown step kind: " + kind);
        }
        return null;
    }

    private void start(JsonNode step) {
        boolean main = !step.has("instance");
        String name = main ? "main" : step.get("instance").asText();
        String workflow = step.has("workflow")
                ? step.get("workflow").asText()
                : scenario.path("workflow").asText();
        Integer version = step.has("version")
                ? Integer.valueOf(step.get("version").asInt())
                : main && scenario.has("version")
                        ? Integer.valueOf(scenario.get("version").asInt())
                        : null;
        JsonNode input = step.has("input") ? step.get("input") : main ? scenario.path("input") : F.objectNode();
        String correlationId = step.has("correlationId")
                ? step.get("correlationId").asText()
                : main ? scenario.path("correlationId").textValue() : null;
        WorkflowDef def = runtime.definitions()
                .workflow(workflow, version)
                .orElseThrow(() -> new Abort("no workflow definition " + workflow + " v" + version + " registered"
                        + (definitionErrors.isEmpty() ? "" : "; rejected files: " + definitionErrors.keySet())));
        try {
            instances.put(name, runtime.start(def, object(input), correlationId));
        } catch (RejectedInputException e) {
            throw new Abort("the engine rejected the start of " + workflow + ": " + e.getMessage());
        }
    }

    private Handed take(String taskType) {
        return runtime.poll(taskType, WAIT_FOR_TASK_SECONDS)
                .orElseThrow(() -> new Abort("no task of type " + taskType + " was handed out within "
                        + WAIT_FOR_TASK_SECONDS + " s; " + summary()));
    }

    private Handed reply(JsonNode step, ReplyStatus status) {
        Handed h;
        if (step.has("handle")) {
            h = handles.get(step.get("handle").asText());
            if (h == null) {
                throw new Abort("no task was polled as '" + step.get("handle").asText() + "'");
            }
        } else {
            h = take(step.path("taskType").asText());
        }
        ObjectNode output = step.has("output") ? object(step.get("output")) : F.objectNode();
        Long callback = status == ReplyStatus.IN_PROGRESS
                ? Long.valueOf(step.path("callbackAfterSeconds").asLong(0))
                : null;
        runtime.reply(h, status, output, step.path("reason").textValue(), callback);
        return h;
    }

    private void signal(JsonNode step, String where) {
        String workflowId = target(step);
        WorkflowInstance wf = runtime.instance(workflowId).orElseThrow();
        Map<String, TaskStatus> before = new HashMap<>();
        for (TaskState t : wf.tasks) {
            before.put(t.taskId, t.status);
        }
        ReplyStatus status = ReplyStatus.valueOf(step.path("status").asText());
        ObjectNode output = step.has("output") ? object(step.get("output")) : F.objectNode();
        String updated = null;
        try {
            runtime.apply(
                    workflowId, new EngineInput.Signal(step.path("taskRef").textValue(), status, output, null));
            for (TaskState t : wf.tasks) {
                TaskStatus was = before.get(t.taskId);
                if (was != null && !was.isTerminal() && t.status != was) {
                    updated = t.taskId;
                    break;
                }
            }
        } catch (RejectedInputException e) {
            if (!step.has("expectResult")) {
                failures.add(new Failure(where, "the engine rejected the signal: " + e.getMessage()));
            }
        }
        if (step.has("expectResult")) {
            JsonMatcher m = new JsonMatcher(new JsonMatcher.Ids() {
                @Override
                public String workflowId(String name) {
                    return instances.get(name);
                }

                @Override
                public String taskId(String ref, String of) {
                    return WorkflowRefs.latest(wf, ref).map(t -> t.taskId).orElse(null);
                }
            });
            expectBlocks++;
            m.match(
                            step.get("expectResult"),
                            updated == null ? NullNode.getInstance() : TextNode.valueOf(updated),
                            "expectResult",
                            false,
                            null)
                    .forEach(x -> failures.add(new Failure(where, x.toString())));
        }
    }

    private void control(JsonNode step, EngineInput input, String where) {
        String workflowId = target(step);
        String expectError = step.path("expectError").textValue();
        try {
            runtime.apply(workflowId, input);
            if (expectError != null) {
                failures.add(new Failure(
                        where,
                        "expected error " + expectError + ", but the engine accepted "
                                + input.getClass().getSimpleName()));
            }
        } catch (RejectedInputException e) {
            if (expectError == null) {
                failures.add(new Failure(
                        where, "the engine rejected " + input.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
    }

    private String target(JsonNode step) {
        try {
            return refs.resolve(step.get("target"));
        } catch (IllegalArgumentException e) {
            throw new Abort("target " + step.get("target") + ": " + e.getMessage());
        }
    }

    // ---- checks -------------------------------------------------------------------------

    private void check(JsonNode expect, JsonNode inferred, Handed handed, String where) {
        List<String> messages = new ArrayList<>();
        int[] failed = new int[1];
        expectBlocks += checker.check(expect, handed, messages, failed);
        messages.forEach(msg -> failures.add(new Failure(where, msg)));
        List<String> inferredMessages = new ArrayList<>();
        inferredBlocks += checker.check(inferred, handed, inferredMessages, inferredFailed);
        inferredMessages.forEach(msg -> inferredFailures.add(new Failure(where, msg)));
    }

    // ---- helpers ------------------------------------------------------------------------

    /** A step payload as an object, with {@code $workflowId}/{@code $taskId} matchers replaced by the ids. */
    private ObjectNode object(JsonNode payload) {
        JsonNode resolved = resolveIds(payload);
        if (resolved == null || resolved.isNull() || resolved.isMissingNode()) {
            return F.objectNode();
        }
        if (!resolved.isObject()) {
            throw new Abort("payload is not a JSON object: " + JsonMatcher.show(resolved));
        }
        return (ObjectNode) resolved;
    }

    private JsonNode resolveIds(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isObject() && n.has("$workflowId")) {
            String id = instances.get(n.get("$workflowId").asText());
            return id == null ? NullNode.getInstance() : TextNode.valueOf(id);
        }
        if (n.isObject() && n.has("$taskId")) {
            String of = n.path("of").asText("main");
            return runtime.instance(instances.get(of))
                    .flatMap(wf -> WorkflowRefs.latest(wf, n.get("$taskId").asText()))
                    .<JsonNode>map(t -> TextNode.valueOf(t.taskId))
                    .orElse(NullNode.getInstance());
        }
        if (n.isObject()) {
            ObjectNode o = F.objectNode();
            n.fields().forEachRemaining(f -> o.set(f.getKey(), resolveIds(f.getValue())));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = F.arrayNode();
            n.forEach(x -> a.add(resolveIds(x)));
            return a;
        }
        return n.deepCopy();
    }

    /** Every instance in one line, for messages about a step that could not go on. */
    private String summary() {
        StringBuilder sb = new StringBuilder("instances:");
        runtime.instances()
                .forEach((id, wf) -> sb.append(' ')
                        .append(id)
                        .append(' ')
                        .append(wf.workflowName)
                        .append(' ')
                        .append(wf.status)
                        .append(' ')
                        .append(ExpectationChecker.summary(wf))
                        .append(';'));
        return sb.toString();
    }

    private static String at(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        return st.length == 0 ? "" : " at " + st[0];
    }
}
