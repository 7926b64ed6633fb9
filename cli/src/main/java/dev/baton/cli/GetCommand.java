package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton get}: GET /workflow/{id}?includeTasks=...; a summary, and with --tasks a task table. */
@Command(name = "get", description = "Show a workflow instance.")
final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
    String workflowId;

    @Option(names = "--tasks", description = "Include the tasks")
    boolean tasks;

    @Override
    public Integer call() {
        Baton baton = Baton.root(spec);
        JsonNode wf = fetch(baton.api(), workflowId, tasks);
        if (baton.json()) {
            baton.out().println(Json.pretty(wf));
            return 0;
        }
        print(baton.out(), wf, tasks);
        return 0;
    }

    static JsonNode fetch(BatonApi api, String workflowId, boolean includeTasks) {
        return api.get("/workflow/" + BatonApi.segment(workflowId), BatonApi.query("includeTasks", includeTasks))
                .json();
    }

    static void print(PrintWriter out, JsonNode wf, boolean withTasks) {
        Table t = new Table("FIELD", "VALUE");
        t.row("workflowId", Json.text(wf, "workflowId"));
        t.row(
                "name",
                Json.text(wf, "workflowName") + " v"
                        + wf.path("workflowVersion").asText("?"));
        t.row("status", Json.text(wf, "status"));
        t.row("correlationId", Json.text(wf, "correlationId"));
        t.row("started", Times.field(wf, "startTime"));
        t.row("updated", Times.field(wf, "updateTime"));
        t.row("ended", Times.field(wf, "endTime"));
        String reason = Json.text(wf, "reasonForIncompletion");
        if (reason != null && !reason.isBlank()) {
            t.row("reason", reason);
        }
        String parent = Json.text(wf, "parentWorkflowId");
        if (parent != null && !parent.isBlank()) {
            t.row("parent", parent);
        }
        t.row("input", compact(wf.get("input")));
        t.row("output", compact(wf.get("output")));
        t.print(out, false);
        if (withTasks) {
            out.println();
            Table tasks = new Table("SEQ", "REF", "TYPE", "STATUS", "ATTEMPT", "UPDATED", "TASK ID", "REASON");
            for (JsonNode task : wf.path("tasks")) {
                tasks.row(
                        task.path("seq").asText(),
                        Json.text(task, "referenceTaskName"),
                        Json.text(task, "taskType"),
                        Json.text(task, "status"),
                        task.path("retryCount").asInt(),
                        Times.format(TaskTimes.updated(task)),
                        Json.text(task, "taskId"),
                        Table.cut(Json.text(task, "reasonForIncompletion"), 80));
            }
            if (tasks.isEmpty()) {
                out.println("(no tasks)");
            } else {
                tasks.print(out);
            }
        }
    }

    private static String compact(JsonNode n) {
        return n == null || n.isNull() ? null : Table.cut(Json.write(n), 200);
    }
}
