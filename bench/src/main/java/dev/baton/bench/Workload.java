package dev.baton.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark workload: a workflow definition (Conductor JSON) and how many worker task steps
 * one instance runs. The echo task types are {@code bench_echo_1..5}.
 *
 * @param label      short name used on the command line and in the output (seq-2, seq-5, fork-10)
 * @param workflow   workflow definition name
 * @param steps      SIMPLE (worker) tasks per instance
 * @param definition workflow definition JSON
 */
record Workload(String label, String workflow, int steps, String definition) {
    /** Number of echo task types (and echo workers). */
    static final int ECHO_TYPES = 5;

    static final String WAIT_WORKFLOW = "bench_wait";

    static String echoType(int i) {
        return "bench_echo_" + i;
    }

    /** {@code n} SIMPLE echo tasks in sequence; each passes the previous output on. */
    static Workload sequential(int n) {
        List<String> tasks = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String in = i == 1 ? "${workflow.input.n}" : "${t" + (i - 1) + ".output.n}";
            tasks.add(simple(echoType((i - 1) % ECHO_TYPES + 1), "t" + i, in));
        }
        String name = "bench_seq" + n;
        return new Workload("seq-" + n, name, n, workflow(name, String.join(",", tasks), "${t" + n + ".output.n}"));
    }

    /** A FORK_JOIN of {@code n} one-task branches and the JOIN on all of them. */
    static Workload forkJoin(int n) {
        List<String> branches = new ArrayList<>();
        List<String> joinOn = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            branches.add("[" + simple(echoType((i - 1) % ECHO_TYPES + 1), "b" + i, "${workflow.input.n}") + "]");
            joinOn.add("\"b" + i + "\"");
        }
        String fork = "{\"name\":\"fork\",\"taskReferenceName\":\"fork\",\"type\":\"FORK_JOIN\",\"forkTasks\":["
                + String.join(",", branches) + "]}";
        String join = "{\"name\":\"join\",\"taskReferenceName\":\"join\",\"type\":\"JOIN\",\"joinOn\":["
                + String.join(",", joinOn) + "]}";
        String name = "bench_fork" + n;
        return new Workload("fork-" + n, name, n, workflow(name, fork + "," + join, "${b" + n + ".output.n}"));
    }

    /** One WAIT task without duration: the instance waits for a signal (used for the in-flight memory probe). */
    static Workload waiting() {
        String wait = "{\"name\":\"wait\",\"taskReferenceName\":\"w\",\"type\":\"WAIT\"}";
        return new Workload("wait", WAIT_WORKFLOW, 0, workflow(WAIT_WORKFLOW, wait, "${workflow.input.n}"));
    }

    /** Task definitions of the echo types: Conductor's usual defaults (3 retries, response timeout). */
    static String echoTaskDefs() {
        List<String> defs = new ArrayList<>();
        for (int i = 1; i <= ECHO_TYPES; i++) {
            defs.add("{\"name\":\"" + echoType(i)
                    + "\",\"retryCount\":3,\"retryLogic\":\"FIXED\",\"retryDelaySeconds\":1,"
                    + "\"timeoutSeconds\":300,\"responseTimeoutSeconds\":60,\"timeoutPolicy\":\"TIME_OUT_WF\","
                    + "\"ownerEmail\":\"bench@baton.dev\"}");
        }
        return "[" + String.join(",", defs) + "]";
    }

    private static String simple(String type, String ref, String input) {
        return "{\"name\":\"" + type + "\",\"taskReferenceName\":\"" + ref + "\",\"type\":\"SIMPLE\","
                + "\"inputParameters\":{\"n\":\"" + input + "\"}}";
    }

    private static String workflow(String name, String tasks, String output) {
        return "{\"name\":\"" + name + "\",\"version\":1,\"schemaVersion\":2,\"ownerEmail\":\"bench@baton.dev\","
                + "\"inputParameters\":[\"n\"],\"tasks\":[" + tasks + "],"
                + "\"outputParameters\":{\"n\":\"" + output
                + "\"},\"timeoutPolicy\":\"ALERT_ONLY\",\"timeoutSeconds\":0}";
    }
}
