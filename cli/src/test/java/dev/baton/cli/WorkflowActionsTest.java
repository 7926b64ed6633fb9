package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkflowActionsTest extends FakeConductorTest {

    @Test
    void pauseIsAPutOnPause() {
        server.text("PUT", "/workflow/wf-1/pause", 200, "");

        CliRunner.Result r = cli.run("pause", "wf-1");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Pause requested for workflow wf-1.\n");
        FakeConductor.Request req = server.only();
        assertThat(req.method()).isEqualTo("PUT");
        assertThat(req.path()).isEqualTo("/api/workflow/wf-1/pause");
        assertThat(req.body()).isEmpty();
    }

    @Test
    void resumeIsAPutOnResume() {
        server.text("PUT", "/workflow/wf-1/resume", 204, null);

        CliRunner.Result r = cli.run("resume", "wf-1", "--json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().trim()).isEqualTo("{\"workflowId\":\"wf-1\",\"action\":\"resume\"}");
        assertThat(server.only().path()).isEqualTo("/api/workflow/wf-1/resume");
    }

    @Test
    void terminateIsADeleteWithTheReason() {
        server.text("DELETE", "/workflow/wf-1", 200, "");

        CliRunner.Result r = cli.run("terminate", "wf-1", "--reason", "customer cancelled & refunded");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Terminate requested for workflow wf-1.\n");
        FakeConductor.Request req = server.only();
        assertThat(req.method()).isEqualTo("DELETE");
        assertThat(req.path()).isEqualTo("/api/workflow/wf-1");
        assertThat(req.query()).containsExactly(java.util.Map.entry("reason", "customer cancelled & refunded"));
    }

    @Test
    void terminateWithoutReasonSendsNoQuery() {
        server.text("DELETE", "/workflow/wf-1", 200, "");

        assertThat(cli.run("terminate", "wf-1").exit()).isZero();
        assertThat(server.only().rawQuery()).isNull();
    }

    @Test
    void retryIsAPostOnRetry() {
        server.text("POST", "/workflow/wf-1/retry", 204, null);

        assertThat(cli.run("retry", "wf-1").exit()).isZero();
        assertThat(cli.run("retry", "wf-1", "--resume-subworkflow-tasks").exit())
                .isZero();

        assertThat(server.requests()).extracting(FakeConductor.Request::method).containsOnly("POST");
        assertThat(server.requests())
                .extracting(FakeConductor.Request::rawQuery)
                .containsExactly(null, "resumeSubworkflowTasks=true");
    }

    @Test
    void aConflictExitsOneWithTheMessage() {
        server.json(
                "PUT",
                "/workflow/wf-1/resume",
                409,
                Canned.error(409, "CONFLICT", "workflow wf-1 is COMPLETED, not PAUSED"));

        CliRunner.Result r = cli.run("resume", "wf-1");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: 409 CONFLICT: workflow wf-1 is COMPLETED, not PAUSED\n");
    }
}
