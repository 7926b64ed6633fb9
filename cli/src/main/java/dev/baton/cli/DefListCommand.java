package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baton def list}: GET /metadata/workflow, or /metadata/taskdefs with --tasks. */
@Command(name = "list", description = "List workflow definitions (every version), or task definitions.")
final class DefListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", description = "List task definitions instead")
    boolean tasks;

    @Override
    public Integer call() {
        Baton baton = Baton.root(spec);
        JsonNode all = baton.api()
                .get(tasks ? "/metadata/taskdefs" : "/metadata/workflow", null)
                .json();
        if (baton.json()) {
            baton.out().println(Json.pretty(all));
            return 0;
        }
        List<JsonNode> defs = new ArrayList<>();
        all.forEach(defs::add);
        defs.sort(Comparator.comparing((JsonNode d) -> String.valueOf(Json.text(d, "name")))
                .thenComparingInt(d -> d.path("version").asInt()));
        Table t = tasks
                ? new Table("NAME", "RETRIES", "RETRY LOGIC", "TIMEOUT S", "RESPONSE TIMEOUT S", "DESCRIPTION")
                : new Table("NAME", "VERSION", "TASKS", "DESCRIPTION");
        for (JsonNode d : defs) {
            String description = Table.cut(Json.text(d, "description"), 60);
            if (tasks) {
                t.row(
                        Json.text(d, "name"),
                        Json.text(d, "retryCount"),
                        Json.text(d, "retryLogic"),
                        Json.text(d, "timeoutSeconds"),
                        Json.text(d, "responseTimeoutSeconds"),
                        description);
            } else {
                t.row(
                        Json.text(d, "name"),
                        Json.text(d, "version"),
                        d.path("tasks").size(),
                        description);
            }
        }
        if (t.isEmpty()) {
            baton.out().println(tasks ? "No task definitions." : "No workflow definitions.");
        } else {
            t.print(baton.out());
        }
        return 0;
    }
}
