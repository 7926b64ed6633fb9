package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton start}: POST /workflow with a Conductor StartWorkflowRequest; prints the new workflow id. */
@Command(name = "start", description = "Start a workflow; prints its id.")
final class StartCommand implements Callable<Integer> {
    /** Conductor's idempotency strategies (FAIL_ON_RUNNING as in Orkes Conductor). */
    enum IdempotencyStrategy {
        FAIL,
        RETURN_EXISTING,
        FAIL_ON_RUNNING
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "Workflow definition name")
    String name;

    // --version names the definition here, so this command gets -h/--help on its own (no inherited -V)
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "N", description = "Definition version (default: the latest)")
    Integer version;

    @Option(
            names = "--input",
            paramLabel = "JSON|@FILE",
            description = "Workflow input: a JSON object, or @file.json / @file.yaml")
    String input;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "Correlation id")
    String correlationId;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Idempotency key")
    String idempotencyKey;

    @Option(
            names = "--idempotency-strategy",
            paramLabel = "STRATEGY",
            description = "With --idempotency-key: ${COMPLETION-CANDIDATES}")
    IdempotencyStrategy idempotencyStrategy;

    @Override
    public Integer call() {
        Baton baton = Baton.root(spec);
        if (idempotencyStrategy != null && idempotencyKey == null) {
            throw new UsageFailure("--idempotency-strategy needs --idempotency-key");
        }
        ObjectNode req = Json.MAPPER.createObjectNode();
        req.put("name", name);
        if (version != null) {
            req.put("version", version);
        }
        if (correlationId != null) {
            req.put("correlationId", correlationId);
        }
        req.set("input", readInput(baton));
        if (idempotencyKey != null) {
            req.put("idempotencyKey", idempotencyKey);
            if (idempotencyStrategy != null) {
                req.put("idempotencyStrategy", idempotencyStrategy.name());
            }
        }
        String id = workflowId(baton.api().post("/workflow", null, req).body());
        if (baton.json()) {
            baton.out().println(Json.write(Json.MAPPER.createObjectNode().put("workflowId", id)));
        } else {
            baton.out().println(id);
        }
        return 0;
    }

    private JsonNode readInput(Baton baton) {
        if (input == null) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode node =
                input.startsWith("@") ? Json.readFile(baton.resolve(input.substring(1))) : Json.parse(input, "--input");
        if (!node.isObject()) {
            throw new UsageFailure("--input must be a JSON object, not "
                    + node.getNodeType().name().toLowerCase());
        }
        return node;
    }

    /** Conductor answers with the id as text; accept a JSON string or an object with workflowId too. */
    static String workflowId(String body) {
        String text = body == null ? "" : body.strip();
        if (text.startsWith("\"") || text.startsWith("{")) {
            JsonNode n = Json.parse(text, "the server's answer");
            String id = n.isTextual() ? n.asText() : Json.text(n, "workflowId");
            if (id != null) {
                return id;
            }
        }
        if (text.isEmpty()) {
            throw new ApiFailure(0, null, "the server started the workflow but returned no id", null);
        }
        return text;
    }
}
