package dev.baton.engine.process;

import dev.baton.dsl.WorkflowDef;
import dev.baton.dsl.WorkflowTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * Where each task of a definition sits: the list that holds it (the top level, a switch case, a
 * fork branch, a loop body), its position there, and the operator that owns that list. The
 * decider walks it to find what follows a task.
 */
final class Graph {
    /** One task's place. {@code parent} is null at the top level. */
    record Node(WorkflowTask task, Node parent, List<WorkflowTask> container, int index) {
        WorkflowTask nextSibling() {
            return index + 1 < container.size() ? container.get(index + 1) : null;
        }

        /** The innermost DO_WHILE around this task, or null. */
        Node enclosingLoop() {
            for (Node p = parent; p != null; p = p.parent) {
                if (p.task.kind().isLoop()) {
                    return p;
                }
            }
            return null;
        }
    }

    private final Map<String, Node> byRef = new LinkedHashMap<>(); // in the definition's order

    Graph(WorkflowDef def) {
        index(def.tasks(), null);
    }

    private void index(List<WorkflowTask> tasks, Node parent) {
        if (tasks == null) {
            return;
        }
        for (int i = 0; i < tasks.size(); i++) {
            WorkflowTask t = tasks.get(i);
            Node node = new Node(t, parent, tasks, i);
            byRef.putIfAbsent(t.taskReferenceName(), node);
            if (t.decisionCases() != null) {
                for (Entry<String, List<WorkflowTask>> c : t.decisionCases().entrySet()) {
                    index(c.getValue(), node);
                }
            }
            index(t.defaultCase(), node);
            if (t.forkTasks() != null) {
                for (List<WorkflowTask> branch : t.forkTasks()) {
                    index(branch, node);
                }
            }
            index(t.loopOver(), node);
        }
    }

    /**
     * Every task nested in the one with this reference name (a loop's body, a fork's branches, a switch's cases, and
     * what those hold), in the definition's order.
     */
    List<WorkflowTask> inside(String ref) {
        List<WorkflowTask> inside = new ArrayList<>();
        for (Node n : byRef.values()) {
            for (Node p = n.parent(); p != null; p = p.parent()) {
                if (p.task().taskReferenceName().equals(ref)) {
                    inside.add(n.task());
                    break;
                }
            }
        }
        return inside;
    }

    /** The place of a task by its definition reference name, or null (a dynamically forked task). */
    Node node(String defRef) {
        return defRef == null ? null : byRef.get(defRef);
    }
}
