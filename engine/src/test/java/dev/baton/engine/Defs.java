package dev.baton.engine;

import java.util.ArrayList;
import java.util.List;

/** Small definition documents for engine tests. */
final class Defs {
    private Defs() {}

    /** A workflow of SIMPLE tasks run one after another; task i has reference {@code t<i+1>} and no inputs. */
    static String linear(String workflowName, String... taskNames) {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < taskNames.length; i++) {
            tasks.add("""
                    {"name": "%s", "taskReferenceName": "t%d", "type": "SIMPLE"}""".formatted(taskNames[i], i + 1));
        }
        return """
                {"name": "%s", "version": 1, "schemaVersion": 2, "tasks": [%s]}
                """.formatted(workflowName, String.join(",", tasks));
    }

    /** A task definition with the given retry policy. */
    static String taskDef(String name, int retryCount, String retryLogic, int retryDelaySeconds) {
        return """
                {"name": "%s", "retryCount": %d, "retryLogic": "%s", "retryDelaySeconds": %d}
                """.formatted(name, retryCount, retryLogic, retryDelaySeconds);
    }

    /** Conductor's sample two-task workflow: inputs wired from the workflow and from t1, outputs named. */
    static final String WIRED = """
            {
              "name": "wired_wf",
              "version": 1,
              "schemaVersion": 2,
              "inputParameters": ["param1", "param2"],
              "tasks": [
                {"name": "task_a", "taskReferenceName": "t1", "type": "SIMPLE",
                 "inputParameters": {"p1": "${workflow.input.param1}", "p2": "${workflow.input.param2}",
                                     "p3": "${CPEWF_TASK_ID}", "someNullKey": null}},
                {"name": "task_b", "taskReferenceName": "t2", "type": "SIMPLE",
                 "inputParameters": {"tp1": "${workflow.input.param1}", "tp2": "${t1.output.op}",
                                     "tp3": "${CPEWF_TASK_ID}", "count": "${t1.output.count}",
                                     "label": "order ${workflow.input.param1} has ${t1.output.count} items"}}
              ],
              "outputParameters": {"o1": "${workflow.input.param1}", "o2": "${t2.output.uuid}", "o3": "${t1.output.op}"}
            }
            """;
}
