package dev.baton.cli;

import static dev.baton.cli.Canned.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GetCommandTest extends FakeConductorTest {

    @Test
    void showsTheWorkflowWithoutTasks() {
        server.json(
                "GET", "/workflow/wf-1", 200, Canned.workflow("wf-1", "RUNNING").toString());

        CliRunner.Result r = cli.run("get", "wf-1");

        assertThat(r.exit()).as(r.toString()).isZero();
        FakeConductor.Request req = server.only();
        assertThat(req.method()).isEqualTo("GET");
        assertThat(req.path()).isEqualTo("/api/workflow/wf-1");
        assertThat(req.rawQuery()).isEqualTo("includeTasks=false");
        assertThat(r.out()).isEqualTo("""
                workflowId     wf-1
                name           order v2
                status         RUNNING
                correlationId  corr-1
                started        2026-01-01T00:00:00.000Z
                updated        2026-01-01T00:00:05.000Z
                ended          -
                input          {"orderId":"o-1"}
                output         {}
                """);
    }

    @Test
    void withTasksPrintsATaskTable() {
        var failed = Canned.task("t-1", "pay_ref", "charge", "FAILED", 0, 1, T0, T0 + 100, T0 + 200);
        failed.put("reasonForIncompletion", "card declined");
        server.json(
                "GET",
                "/workflow/wf-1",
                200,
                Canned.workflow(
                                "wf-1",
                                "RUNNING",
                                failed,
                                Canned.task("t-2", "pay_ref", "charge", "IN_PROGRESS", 1, 2, T0 + 1000, T0 + 1100, 0))
                        .toString());

        CliRunner.Result r = cli.run("get", "wf-1", "--tasks");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(server.only().query()).containsEntry("includeTasks", "true");
        assertThat(r.out()).endsWith("""

                SEQ  REF      TYPE    STATUS       ATTEMPT  UPDATED                   TASK ID  REASON
                1    pay_ref  charge  FAILED       0        2026-01-01T00:00:00.200Z  t-1      card declined
                2    pay_ref  charge  IN_PROGRESS  1        2026-01-01T00:00:01.100Z  t-2      -
                """);
    }

    @Test
    void jsonPrintsTheServersWorkflow() throws Exception {
        String body = Canned.workflow("wf-1", "COMPLETED").toString();
        server.json("GET", "/workflow/wf-1", 200, body);

        CliRunner.Result r = cli.run("--json", "get", "wf-1");

        assertThat(Json.MAPPER.readTree(r.out())).isEqualTo(Json.MAPPER.readTree(body));
    }

    @Test
    void idsAreEncodedInThePath() {
        server.json(
                "GET",
                "/workflow/a%20b%2Fc",
                200,
                Canned.workflow("a b/c", "RUNNING").toString());

        assertThat(cli.run("get", "a b/c").exit()).isZero();
        assertThat(server.only().path()).isEqualTo("/api/workflow/a%20b%2Fc");
    }

    @Test
    void unknownWorkflowExitsOneWithTheServersMessage() {
        server.json("GET", "/workflow/nope", 404, Canned.error(404, "NOT_FOUND", "No such workflow found by id: nope"));

        CliRunner.Result r = cli.run("get", "nope");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: 404 NOT_FOUND: No such workflow found by id: nope\n");
    }
}
