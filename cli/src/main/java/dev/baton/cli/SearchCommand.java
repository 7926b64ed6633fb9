package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baton search}: GET /workflow/search with Conductor's query syntax and free text. */
@Command(name = "search", description = "Search workflow instances (newest first).")
final class SearchCommand implements Callable<Integer> {
    /** Conductor's workflow statuses. */
    enum Status {
        RUNNING,
        COMPLETED,
        FAILED,
        TIMED_OUT,
        TERMINATED,
        PAUSED
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--type", paramLabel = "NAME", split = ",", description = "Workflow name(s); repeatable")
    List<String> types = new ArrayList<>();

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            split = ",",
            description = "Status(es), repeatable: ${COMPLETION-CANDIDATES}")
    List<Status> statuses = new ArrayList<>();

    @Option(names = "--correlation-id", paramLabel = "ID", description = "Exact correlation id")
    String correlationId;

    @Option(names = "--text", paramLabel = "TEXT", description = "Free text (Conductor's freeText)")
    String text;

    @Option(
            names = "--start",
            paramLabel = "N",
            defaultValue = "0",
            description = "First result (default: ${DEFAULT-VALUE})")
    int start;

    @Option(
            names = "--size",
            paramLabel = "N",
            defaultValue = "20",
            description = "Page size (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--sort", paramLabel = "FIELD:ASC|DESC", description = "Sort order, e.g. startTime:DESC")
    String sort;

    @Override
    public Integer call() {
        if (start < 0) {
            throw new UsageFailure("--start must be 0 or more");
        }
        if (size < 1) {
            throw new UsageFailure("--size must be 1 or more");
        }
        Baton baton = Baton.root(spec);
        String query =
                SearchQuery.build(types, statuses.stream().map(Enum::name).toList(), correlationId);
        JsonNode result = baton.api()
                .get(
                        "/workflow/search",
                        BatonApi.query(
                                "start",
                                start,
                                "size",
                                size,
                                "sort",
                                sort,
                                "freeText",
                                text == null || text.isBlank() ? "*" : text,
                                "query",
                                query))
                .json();
        if (baton.json()) {
            baton.out().println(Json.pretty(result));
            return 0;
        }
        Table t = new Table("WORKFLOW ID", "NAME", "VERSION", "STATUS", "CORRELATION ID", "STARTED", "ENDED");
        for (JsonNode s : result.path("results")) {
            t.row(
                    Json.text(s, "workflowId"),
                    Json.text(s, "workflowType"),
                    Json.text(s, "version"),
                    Json.text(s, "status"),
                    Json.text(s, "correlationId"),
                    Times.field(s, "startTime"),
                    Times.field(s, "endTime"));
        }
        long total = result.path("totalHits").asLong(result.path("results").size());
        if (t.isEmpty()) {
            baton.out().println("No workflows found" + (total > 0 ? " on this page (" + total + " in all)." : "."));
            return 0;
        }
        t.print(baton.out());
        int shown = result.path("results").size();
        baton.out()
                .println(
                        shown == total
                                ? shown + " workflow(s)."
                                : "Showing " + (start + 1) + "-" + (start + shown) + " of " + total + ".");
        return 0;
    }
}
