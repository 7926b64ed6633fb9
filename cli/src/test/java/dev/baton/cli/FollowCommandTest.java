package dev.baton.cli;

import static dev.baton.cli.Canned.T0;
import static dev.baton.cli.Canned.task;
import static dev.baton.cli.Canned.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowCommandTest extends FakeConductorTest {

    private void snapshot(JsonNode wf) {
        server.json("GET", "/workflow/wf-1", 200, wf.toString());
    }

    @Test
    void printsEachChangeOnceAndExitsZeroWhenCompleted() {
        snapshot(workflow(
                "wf-1", "RUNNING", task("t-1", "reserve_ref", "reserve_seat", "SCHEDULED", 0, 1, T0 + 10, 0, 0)));
        snapshot(workflow(
                "wf-1",
                "RUNNING",
                task("t-1", "reserve_ref", "reserve_seat", "IN_PROGRESS", 0, 1, T0 + 10, T0 + 20, 0)));
        snapshot(workflow(
                "wf-1",
                "RUNNING",
                task("t-1", "reserve_ref", "reserve_seat", "IN_PROGRESS", 0, 1, T0 + 10, T0 + 20, 0)));
        snapshot(workflow(
                "wf-1",
                "COMPLETED",
                task("t-1", "reserve_ref", "reserve_seat", "COMPLETED", 0, 1, T0 + 10, T0 + 20, T0 + 300),
                task("t-2", "notify_ref", "notify", "COMPLETED", 0, 2, T0 + 310, T0 + 320, T0 + 400)));

        CliRunner.Result r = cli.run("follow", "wf-1", "--interval-ms", "5");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("""
                2026-01-01T00:00:00.000Z  workflow  RUNNING      order v2  wf-1
                2026-01-01T00:00:00.010Z  task      SCHEDULED    reserve_ref  reserve_seat  attempt 0
                2026-01-01T00:00:00.020Z  task      IN_PROGRESS  reserve_ref  reserve_seat  attempt 0
                2026-01-01T00:00:00.300Z  task      COMPLETED    reserve_ref  reserve_seat  attempt 0
                2026-01-01T00:00:00.400Z  task      COMPLETED    notify_ref  notify  attempt 0
                2026-01-01T00:00:09.000Z  workflow  COMPLETED    order v2  wf-1
                """);
        assertThat(server.requests()).hasSize(4).allSatisfy(q -> {
            assertThat(q.method()).isEqualTo("GET");
            assertThat(q.path()).isEqualTo("/api/workflow/wf-1");
            assertThat(q.rawQuery()).isEqualTo("includeTasks=true");
        });
    }

    @Test
    void exitsThreeWhenTheWorkflowFailsAndShowsRetriesAndReasons() {
        var failed = task("t-1", "pay_ref", "charge", "FAILED", 0, 1, T0 + 10, T0 + 20, T0 + 30);
        failed.put("reasonForIncompletion", "card declined");
        snapshot(workflow(
                "wf-1", "RUNNING", failed, task("t-2", "pay_ref", "charge", "SCHEDULED", 1, 2, T0 + 1030, 0, 0)));
        var failedAgain =
                task("t-2", "pay_ref", "charge", "FAILED_WITH_TERMINAL_ERROR", 1, 2, T0 + 1030, T0 + 1040, T0 + 1050);
        failedAgain.put("reasonForIncompletion", "card blocked");
        var wf = workflow("wf-1", "FAILED", failed, failedAgain);
        wf.put("reasonForIncompletion", "Task pay_ref failed: card blocked");
        snapshot(wf);

        CliRunner.Result r = cli.run("follow", "wf-1", "--interval-ms", "5");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("""
                2026-01-01T00:00:00.000Z  workflow  RUNNING      order v2  wf-1
                2026-01-01T00:00:00.030Z  task      FAILED       pay_ref  charge  attempt 0  reason: card declined
                2026-01-01T00:00:01.030Z  task      SCHEDULED    pay_ref  charge  attempt 1
                2026-01-01T00:00:01.050Z  task      FAILED_WITH_TERMINAL_ERROR  pay_ref  charge  attempt 1  reason: card blocked
                2026-01-01T00:00:09.000Z  workflow  FAILED       order v2  wf-1  reason: Task pay_ref failed: card blocked
                """);
    }

    @Test
    void pausesAndResumesAreChangesToo() {
        var waiting = task("t-1", "wait_ref", "WAIT", "IN_PROGRESS", 0, 1, T0, T0, 0);
        snapshot(workflow("wf-1", "RUNNING", waiting));
        snapshot(workflow("wf-1", "PAUSED", waiting).put("updateTime", T0 + 2000));
        snapshot(workflow("wf-1", "RUNNING", waiting).put("updateTime", T0 + 3000));
        snapshot(workflow("wf-1", "TERMINATED", task("t-1", "wait_ref", "WAIT", "CANCELED", 0, 1, T0, T0, T0 + 4000))
                .put("reasonForIncompletion", "stop"));

        CliRunner.Result r = cli.run("follow", "wf-1", "--interval-ms", "5");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out().lines().map(l -> l.substring(26)).toList())
                .containsExactly(
                        "workflow  RUNNING      order v2  wf-1",
                        "task      IN_PROGRESS  wait_ref  WAIT  attempt 0",
                        "workflow  PAUSED       order v2  wf-1",
                        "workflow  RUNNING      order v2  wf-1",
                        "task      CANCELED     wait_ref  WAIT  attempt 0",
                        "workflow  TERMINATED   order v2  wf-1  reason: stop");
        assertThat(r.out().lines().toList().get(2)).startsWith("2026-01-01T00:00:02.000Z");
    }

    @Test
    void jsonPrintsOneObjectPerChange() throws Exception {
        snapshot(workflow("wf-1", "COMPLETED", task("t-1", "a_ref", "a", "COMPLETED", 0, 1, T0, T0, T0 + 5)));

        CliRunner.Result r = cli.run("follow", "wf-1", "--json");

        assertThat(r.exit()).isZero();
        List<JsonNode> lines = r.out().lines().map(l -> Json.parse(l, "line")).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .isEqualTo(Json.MAPPER.readTree("{\"time\":" + (T0 + 5) + ",\"kind\":\"task\","
                        + "\"workflowId\":\"wf-1\",\"status\":\"COMPLETED\",\"ref\":\"a_ref\",\"type\":\"a\",\"attempt\":0,"
                        + "\"taskId\":\"t-1\"}"));
        assertThat(lines.get(1).path("kind").asText()).isEqualTo("workflow");
        assertThat(lines.get(1).path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void waitsForAWorkflowThatIsNotVisibleYet() {
        server.json("GET", "/workflow/wf-1", 404, Canned.error(404, "NOT_FOUND", "no workflow wf-1"));
        server.json("GET", "/workflow/wf-1", 404, Canned.error(404, "NOT_FOUND", "no workflow wf-1"));
        snapshot(workflow("wf-1", "COMPLETED"));

        CliRunner.Result r = cli.run("follow", "wf-1", "--interval-ms", "5");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void anUnknownWorkflowExitsOneAtOnceWithoutAWait() {
        server.json("GET", "/workflow/nope", 404, Canned.error(404, "NOT_FOUND", "no workflow nope"));

        CliRunner.Result r = cli.run("follow", "nope", "--await-ms", "0");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: 404 NOT_FOUND: no workflow nope\n");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anUnknownWorkflowExitsOneAfterTheWait() {
        server.json("GET", "/workflow/nope", 404, Canned.error(404, "NOT_FOUND", "no workflow nope"));

        long startedAt = System.nanoTime();
        CliRunner.Result r = cli.run("follow", "nope", "--interval-ms", "5", "--await-ms", "300");
        long tookMs = (System.nanoTime() - startedAt) / 1_000_000;

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: 404 NOT_FOUND: no workflow nope\n");
        assertThat(tookMs).as("kept asking until the wait was over").isGreaterThanOrEqualTo(300);
    }

    @Test
    void anErrorWhileFollowingExitsOne() {
        snapshot(workflow("wf-1", "RUNNING"));
        server.json("GET", "/workflow/wf-1", 503, Canned.error(503, "BACKEND_ERROR", "store not ready"));

        CliRunner.Result r = cli.run("follow", "wf-1", "--interval-ms", "5");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("workflow  RUNNING");
        assertThat(r.err()).isEqualTo("error: 503 BACKEND_ERROR: store not ready\n");
    }
}
