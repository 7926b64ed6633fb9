package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.expr.JavaStrings;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import java.util.List;

/** FORK_JOIN and FORK_JOIN_DYNAMIC: start every branch, then the JOIN that waits for them. */
final class Forks {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Forks() {}

    /** Schedules the first task of each branch, then the JOIN that follows the fork. */
    static void startBranches(Step s, Graph.Node fork, TaskState forkTask) {
        s.beginBranches();
        try {
            if (fork.task().forkTasks() != null) {
                for (List<WorkflowTask> branch : fork.task().forkTasks()) {
                    if (branch != null && !branch.isEmpty()) {
                        Decider.schedule(s, branch.get(0), forkTask.iteration);
                    }
                }
            }
            scheduleJoin(s, fork, forkTask, null);
        } finally {
            s.endBranches();
        }
    }

    /**
     * Why a dynamic fork's resolved input cannot be forked, in Conductor's words (its fork mapper
     * fails the workflow with them), or null when it can: the tasks must be a list of task objects
     * each with a taskReferenceName, the inputs a map, and each task's input a map (or absent).
     */
    static String invalidDynamicInput(WorkflowTask wt, ObjectNode input) {
        if (simpleForm(wt, input, false) != null) {
            return null;
        }
        JsonNode tasks = input.get(wt.dynamicForkTasksParam());
        JsonNode inputs = input.get(wt.dynamicForkTasksInputParamName());
        boolean listOfTasks = tasks != null && tasks.isArray();
        for (int i = 0; listOfTasks && i < tasks.size(); i++) {
            JsonNode ref = tasks.get(i).get("taskReferenceName");
            listOfTasks = tasks.get(i).isObject() && ref != null && !ref.isNull();
        }
        if (!listOfTasks) {
            return "Input '" + wt.dynamicForkTasksParam() + "' is invalid. Cannot deserialize a list of Workflow Tasks"
                    + " from '" + JavaStrings.of(tasks) + "'";
        }
        if (inputs == null || !inputs.isObject()) {
            return "Input to the dynamically forked tasks is not a map -> expecting a map of K,V  but found "
                    + JavaStrings.of(inputs);
        }
        for (JsonNode task : tasks) {
            JsonNode in = inputs.get(task.get("taskReferenceName").asText());
            if (in != null && !in.isNull() && !in.isObject()) {
                String type = JavaStrings.className(in);
                return "Tasks could not be dynamically forked due to invalid input: class " + type
                        + " cannot be cast to"
                        + " class java.util.Map (" + type + " and java.util.Map are in module java.base of loader"
                        + " 'bootstrap')";
            }
        }
        return null;
    }

    static void startDynamicBranches(Step s, Graph.Node fork, TaskState forkTask) {
        s.beginBranches();
        try {
            scheduleDynamicBranches(s, fork, forkTask);
        } finally {
            s.endBranches();
        }
    }

    /**
     * Conductor's simple form of a dynamic fork: one task per element of the input {@code forkTaskInputs}, of type
     * {@code forkTaskType} (SIMPLE) named {@code forkTaskName} (the fork's reference), or a SUB_WORKFLOW of
     * {@code forkTaskWorkflow} / {@code forkTaskWorkflowVersion}; each referenced {@code _<name>_<i>} (with the fork's
     * reference first when another dynamic fork ran before), its input the element (a map, else {@code {input: ...}})
     * with {@code __index}. Null when the input has no {@code forkTaskInputs} list.
     */
    static ArrayNode simpleForm(WorkflowTask wt, ObjectNode input, boolean afterAnotherFork) {
        JsonNode inputs = input == null ? null : input.get("forkTaskInputs");
        if (inputs == null || !inputs.isArray()) {
            return null;
        }
        String workflow = SystemTasks.text(input, "forkTaskWorkflow");
        String type = SystemTasks.text(input, "forkTaskType");
        String name = SystemTasks.text(input, "forkTaskName");
        if (type != null
                && name == null
                && TaskKind.of(type).isConductorType()
                && !TaskKind.of(type).isWorkerTask()) {
            name = type;
        }
        if (name == null) {
            name = wt.taskReferenceName();
        }
        ArrayNode tasks = MAPPER.createArrayNode();
        int i = 0;
        for (JsonNode element : inputs) {
            ObjectNode task = tasks.addObject();
            ObjectNode parameters = element.isObject() ? element.deepCopy() : MAPPER.createObjectNode();
            if (!element.isObject()) {
                parameters.set("input", element.deepCopy());
            }
            parameters.put("__index", i);
            if (workflow != null) {
                task.put("name", workflow).put("type", TaskKind.SUB_WORKFLOW.typeName());
                ObjectNode sub = task.putObject("subWorkflowParam").put("name", workflow);
                String version = SystemTasks.text(input, "forkTaskWorkflowVersion");
                if (version != null && version.matches("\\d{1,9}")) {
                    sub.put("version", Integer.parseInt(version));
                }
                if (element.path("taskToDomain").isObject()) {
                    sub.set("taskToDomain", element.get("taskToDomain").deepCopy());
                }
            } else {
                task.put("name", name).put("type", type == null ? TaskKind.SIMPLE.typeName() : type);
            }
            task.put(
                    "taskReferenceName",
                    afterAnotherFork ? "_" + wt.taskReferenceName() + "_" + name + "_" + i : "_" + name + "_" + i);
            if (wt.isOptional()) {
                task.put("optional", true);
            }
            task.set("inputParameters", parameters);
            i++;
        }
        return tasks;
    }

    private static void scheduleDynamicBranches(Step s, Graph.Node fork, TaskState forkTask) {
        WorkflowTask wt = fork.task();
        boolean afterAnotherFork =
                s.wf.tasks.stream().anyMatch(t -> t != forkTask && t.kind() == TaskKind.FORK_JOIN_DYNAMIC);
        ArrayNode simple = simpleForm(wt, forkTask.inputData, afterAnotherFork);
        JsonNode tasks = simple != null ? simple : forkTask.inputData.get(wt.dynamicForkTasksParam());
        JsonNode inputs = simple != null ? null : forkTask.inputData.get(wt.dynamicForkTasksInputParamName());
        // as Conductor's FORK task: what it forked, by reference and as tasks
        ArrayNode forkedTasks = MAPPER.createArrayNode();
        tasks.forEach(task -> forkedTasks.add(task.path("taskReferenceName").asText()));
        forkTask.inputData.set("forkedTasks", forkedTasks);
        forkTask.inputData.set("forkedTaskDefs", tasks.deepCopy());
        ArrayNode joinOn = MAPPER.createArrayNode();
        for (JsonNode node : tasks) {
            WorkflowTask dyn;
            JsonNode input = inputs == null
                    ? null
                    : inputs.get(node.path("taskReferenceName").asText());
            try {
                // as Conductor: the task's own parameters, the input map's entry added over them, then resolved
                ObjectNode parameters = node.path("inputParameters").isObject()
                        ? (ObjectNode) node.get("inputParameters").deepCopy()
                        : MAPPER.createObjectNode();
                if (input != null && input.isObject()) {
                    parameters.setAll((ObjectNode) input.deepCopy());
                }
                ObjectNode withParameters = ((ObjectNode) node).deepCopy();
                withParameters.set("inputParameters", parameters);
                dyn = MAPPER.treeToValue(withParameters, WorkflowTask.class);
            } catch (Exception e) {
                Decider.fail(s, "Dynamic fork " + forkTask.referenceTaskName + ": not a task: " + node);
                return;
            }
            TaskState t = new TaskState();
            t.taskId = s.newId("task");
            t.defRef = dyn.taskReferenceName();
            t.referenceTaskName = dyn.taskReferenceName();
            t.iteration = forkTask.iteration;
            t.taskType = dyn.typeOrDefault();
            t.taskDefName = dyn.name() == null ? t.taskType : dyn.name();
            t.status = TaskStatus.SCHEDULED;
            t.scheduledTime = s.now;
            t.firstScheduledTime = s.now;
            t.inputData = Decider.taskInput(s, dyn, t.taskId);
            Decider.add(s, t);
            TotalTimeouts.arm(s, t);
            s.event(EventType.TASK_SCHEDULED, t, t.inputData, null);
            SystemTasks.start(s, dyn, t);
            joinOn.add(dyn.taskReferenceName());
        }
        scheduleJoin(s, fork, forkTask, joinOn);
    }

    private static void scheduleJoin(Step s, Graph.Node fork, TaskState forkTask, ArrayNode dynamicJoinOn) {
        WorkflowTask join = fork.nextSibling();
        if (join == null || join.kind() != TaskKind.JOIN) {
            return;
        }
        TaskState joinTask = Decider.newTask(s, join, forkTask.iteration);
        if (dynamicJoinOn != null) {
            joinTask.inputData.set("joinOn", dynamicJoinOn);
        } else if (join.joinOn() != null && !joinTask.inputData.has("joinOn")) {
            ArrayNode refs =
                    joinTask.inputData.putArray("joinOn"); // as in Conductor, the JOIN's input lists what it waits for
            join.joinOn().forEach(refs::add);
        }
        s.event(EventType.TASK_SCHEDULED, joinTask, joinTask.inputData, null);
        SystemTasks.start(s, join, joinTask);
    }
}
