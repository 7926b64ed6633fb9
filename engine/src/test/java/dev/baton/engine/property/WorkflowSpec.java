package dev.baton.engine.property;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small generated workflow: a tree of SIMPLE, SWITCH, FORK_JOIN (+ JOIN) and DO_WHILE nodes
 * over a pool of task definitions. Rendering assigns reference names in document order, so the
 * same spec always renders to the same Conductor JSON and the same workflow input.
 */
record WorkflowSpec(List<Node> tasks, List<TaskDefSpec> taskDefs) {
    static final String NAME = "prop_wf";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One entry of a task list. */
    sealed interface Node {}

    /** A worker task of definition {@code task_<taskDef>}. */
    record Simple(int taskDef, boolean optional) implements Node {
        @Override
        public String toString() {
            return "task_" + taskDef + (optional ? "?" : "");
        }
    }

    /** A value-param SWITCH with cases "a" and "b" and a default; {@code value} is what the input selects. */
    record Switch(String value, List<Node> caseA, List<Node> caseB, List<Node> defaultCase) implements Node {
        @Override
        public String toString() {
            return "SWITCH=" + value + "{a:" + caseA + " b:" + caseB + " default:" + defaultCase + "}";
        }
    }

    /** A FORK_JOIN whose branches each end with a SIMPLE task; the JOIN that follows waits on those. */
    record Fork(List<List<Node>> branches) implements Node {
        @Override
        public String toString() {
            return "FORK" + branches;
        }
    }

    /** A DO_WHILE over a list of {@code items} elements taken from the workflow input. */
    record Loop(int items, List<Node> body) implements Node {
        @Override
        public String toString() {
            return "LOOP*" + items + body;
        }
    }

    /** The retry policy (and optional response timeout) of definition {@code task_<index>}. */
    record TaskDefSpec(int retryCount, int retryDelaySeconds, String retryLogic, Integer responseTimeoutSeconds) {
        @Override
        public String toString() {
            return "retry " + retryCount + "x" + retryDelaySeconds + "s " + retryLogic
                    + (responseTimeoutSeconds == null ? "" : " response " + responseTimeoutSeconds + "s");
        }
    }

    /** Conductor JSON of each task definition, {@code task_0}, {@code task_1}, ... */
    List<String> taskDefJson() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < taskDefs.size(); i++) {
            TaskDefSpec d = taskDefs.get(i);
            ObjectNode n = NODES.objectNode();
            n.put("name", "task_" + i);
            n.put("retryCount", d.retryCount());
            n.put("retryLogic", d.retryLogic());
            n.put("retryDelaySeconds", d.retryDelaySeconds());
            if (d.responseTimeoutSeconds() != null) {
                n.put("responseTimeoutSeconds", d.responseTimeoutSeconds());
            }
            out.add(n.toString());
        }
        return out;
    }

    /** The definition as Conductor JSON. */
    String definitionJson() {
        return render().definition.toString();
    }

    /** The workflow input that steers each SWITCH and sizes each DO_WHILE. */
    String inputJson() {
        return render().input.toString();
    }

    @Override
    public String toString() {
        return tasks + " defs=" + taskDefs;
    }

    private Rendered render() {
        Rendered r = new Rendered();
        ObjectNode def = NODES.objectNode();
        def.put("name", NAME);
        def.put("version", 1);
        def.put("schemaVersion", 2);
        def.set("tasks", r.list(tasks));
        r.definition = def;
        return r;
    }

    /** One rendering pass: numbers references and collects the input. */
    private static final class Rendered {
        ObjectNode definition;
        final ObjectNode input = NODES.objectNode();
        int counter;

        ArrayNode list(List<Node> nodes) {
            ArrayNode out = NODES.arrayNode();
            for (Node n : nodes) {
                add(out, n);
            }
            return out;
        }

        /** Appends a node's entries (a FORK_JOIN adds its JOIN too); returns the reference of the first. */
        String add(ArrayNode out, Node n) {
            String ref;
            ObjectNode t = NODES.objectNode();
            if (n instanceof Simple s) {
                ref = "t" + (++counter);
                t.put("name", "task_" + s.taskDef());
                t.put("taskReferenceName", ref);
                t.put("type", "SIMPLE");
                if (s.optional()) {
                    t.put("optional", true);
                }
                out.add(t);
            } else if (n instanceof Switch sw) {
                ref = "sw" + (++counter);
                t.put("name", ref);
                t.put("taskReferenceName", ref);
                t.put("type", "SWITCH");
                t.put("evaluatorType", "value-param");
                t.put("expression", "value");
                t.putObject("inputParameters").put("value", "${workflow.input." + ref + "}");
                ObjectNode cases = t.putObject("decisionCases");
                cases.set("a", list(sw.caseA()));
                cases.set("b", list(sw.caseB()));
                t.set("defaultCase", list(sw.defaultCase()));
                input.put(ref, sw.value());
                out.add(t);
            } else if (n instanceof Fork f) {
                ref = "fork" + (++counter);
                t.put("name", ref);
                t.put("taskReferenceName", ref);
                t.put("type", "FORK_JOIN");
                ArrayNode branches = t.putArray("forkTasks");
                ArrayNode joinOn = NODES.arrayNode();
                for (List<Node> branch : f.branches()) {
                    ArrayNode b = list(branch);
                    branches.add(b);
                    joinOn.add(b.get(b.size() - 1).get("taskReferenceName").asText());
                }
                out.add(t);
                String joinRef = "join" + (++counter);
                ObjectNode join = NODES.objectNode();
                join.put("name", joinRef);
                join.put("taskReferenceName", joinRef);
                join.put("type", "JOIN");
                join.set("joinOn", joinOn);
                out.add(join);
            } else if (n instanceof Loop l) {
                ref = "loop" + (++counter);
                t.put("name", ref);
                t.put("taskReferenceName", ref);
                t.put("type", "DO_WHILE");
                t.put("items", "${workflow.input." + ref + "}");
                t.set("loopOver", list(l.body()));
                ArrayNode items = input.putArray(ref);
                for (int i = 0; i < l.items(); i++) {
                    items.add("item" + i);
                }
                out.add(t);
            } else {
                throw new IllegalArgumentException(String.valueOf(n));
            }
            return ref;
        }
    }

    /** Pretty JSON of the definition, for failure messages. */
    String describe() {
        try {
            return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(render().definition)
                    + "\ninput " + inputJson() + "\n"
                    + taskDefJson().stream().collect(Collectors.joining("\n"));
        } catch (Exception e) {
            return toString();
        }
    }
}
