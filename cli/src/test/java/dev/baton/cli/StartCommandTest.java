package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class StartCommandTest extends FakeConductorTest {

    @Test
    void postsAStartWorkflowRequestAndPrintsTheId() throws Exception {
        server.text("POST", "/workflow", 200, "wf-123");

        CliRunner.Result r = cli.run(
                "start",
                "order",
                "--version",
                "2",
                "--input",
                "{\"orderId\":\"o-1\",\"qty\":3}",
                "--correlation-id",
                "corr-1",
                "--idempotency-key",
                "k-1",
                "--idempotency-strategy",
                "RETURN_EXISTING");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("wf-123\n");
        FakeConductor.Request req = server.only();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/api/workflow");
        assertThat(req.header("Content-Type")).isEqualTo("application/json");
        assertThat(req.header("Authorization")).isNull();
        JsonNode body = Json.MAPPER.readTree(req.body());
        assertThat(body)
                .isEqualTo(Json.MAPPER.readTree("{\"name\":\"order\",\"version\":2,\"correlationId\":\"corr-1\","
                        + "\"input\":{\"orderId\":\"o-1\",\"qty\":3},\"idempotencyKey\":\"k-1\","
                        + "\"idempotencyStrategy\":\"RETURN_EXISTING\"}"));
    }

    @Test
    void minimalRequestHasEmptyInputAndNoOptionalFields() throws Exception {
        server.text("POST", "/workflow", 200, "wf-1");

        CliRunner.Result r = cli.run("start", "order");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Json.MAPPER.readTree(server.only().body()))
                .isEqualTo(Json.MAPPER.readTree("{\"name\":\"order\",\"input\":{}}"));
    }

    @Test
    void readsInputFromAJsonOrYamlFile() throws Exception {
        server.text("POST", "/workflow", 200, "wf-1");
        Files.writeString(dir.resolve("in.yaml"), "orderId: o-9\nitems:\n  - a\n  - b\n");

        CliRunner.Result r = cli.run("start", "order", "--input", "@in.yaml");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Json.MAPPER.readTree(server.only().body()).get("input"))
                .isEqualTo(Json.MAPPER.readTree("{\"orderId\":\"o-9\",\"items\":[\"a\",\"b\"]}"));
    }

    @Test
    void sendsTheTokenAsBearerFromTheOptionOrTheEnvironment() {
        server.text("POST", "/workflow", 200, "wf-1");

        assertThat(cli.run("start", "order", "--token", "opt-token").exit()).isZero();
        assertThat(cli.env("BATON_TOKEN", "env-token").run("start", "order").exit())
                .isZero();
        assertThat(cli.run("start", "order", "--token", "wins").exit()).isZero();

        assertThat(server.requests())
                .extracting(q -> q.header("Authorization"))
                .containsExactly("Bearer opt-token", "Bearer env-token", "Bearer wins");
    }

    @Test
    void jsonOutputWrapsTheId() {
        server.text("POST", "/workflow", 200, "wf-7");

        CliRunner.Result r = cli.run("start", "order", "--json");

        assertThat(r.out().trim()).isEqualTo("{\"workflowId\":\"wf-7\"}");
    }

    @Test
    void badInputIsAUsageErrorAndSendsNothing() {
        assertThat(cli.run("start", "order", "--input", "{not json").exit()).isEqualTo(2);
        assertThat(cli.run("start", "order", "--input", "[1,2]").exit()).isEqualTo(2);
        CliRunner.Result missing = cli.run("start", "order", "--input", "@nope.json");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json: no such file");
        assertThat(cli.run("start", "order", "--idempotency-strategy", "FAIL").exit())
                .isEqualTo(2);
        assertThat(cli.run("start", "order", "--idempotency-key", "k", "--idempotency-strategy", "MAYBE")
                        .exit())
                .isEqualTo(2);
        assertThat(cli.run("start").exit()).isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anApiErrorExitsOneWithStatusMessageAndFields() {
        server.json(
                "POST",
                "/workflow",
                400,
                "{\"status\":400,\"code\":\"INVALID_INPUT\","
                        + "\"message\":\"input.orderId: is required\",\"retryable\":false,"
                        + "\"validationErrors\":[{\"path\":\"input.orderId\",\"message\":\"is required\"}]}");

        CliRunner.Result r = cli.run("start", "order");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("error: 400 INVALID_INPUT: input.orderId: is required\n" + "  input.orderId: is required\n");
    }

    @Test
    void aNonJsonErrorBodyIsShownAsText() {
        server.text("POST", "/workflow", 502, "Bad Gateway");

        CliRunner.Result r = cli.run("start", "order");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: 502: Bad Gateway\n");
    }
}
