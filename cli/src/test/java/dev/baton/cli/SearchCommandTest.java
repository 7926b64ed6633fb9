package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SearchCommandTest extends FakeConductorTest {
    private static final String RESULT = """
            {"totalHits": 7, "results": [
              {"workflowId":"wf-2","workflowType":"order","version":2,"status":"FAILED","correlationId":"c-2",
               "startTime":"1767225600000","endTime":"1767225609000","input":"{}","output":"{}"},
              {"workflowId":"wf-1","workflowType":"order","version":1,"status":"RUNNING","correlationId":null,
               "startTime":"1767225500000","endTime":null}
            ]}""";

    @BeforeEach
    void stubs() {
        server.json("GET", "/workflow/search", 200, RESULT);
    }

    @Test
    void buildsConductorsQueryAndPrintsATable() {
        CliRunner.Result r = cli.run(
                "search",
                "--type",
                "order",
                "--status",
                "RUNNING",
                "--status",
                "failed,PAUSED",
                "--correlation-id",
                "c 2",
                "--text",
                "o-1",
                "--start",
                "2",
                "--size",
                "2");

        assertThat(r.exit()).as(r.toString()).isZero();
        FakeConductor.Request req = server.only();
        assertThat(req.path()).isEqualTo("/api/workflow/search");
        assertThat(req.query())
                .containsEntry("start", "2")
                .containsEntry("size", "2")
                .containsEntry("freeText", "o-1")
                .containsEntry(
                        "query",
                        "workflowType IN (order) AND status IN (RUNNING,FAILED,PAUSED)"
                                + " AND correlationId = \"c 2\"");
        assertThat(req.rawQuery()).doesNotContain(" ").doesNotContain("+");
        assertThat(r.out()).isEqualTo("""
                WORKFLOW ID  NAME   VERSION  STATUS   CORRELATION ID  STARTED                   ENDED
                wf-2         order  2        FAILED   c-2             2026-01-01T00:00:00.000Z  2026-01-01T00:00:09.000Z
                wf-1         order  1        RUNNING  -               2025-12-31T23:58:20.000Z  -
                Showing 3-4 of 7.
                """);
    }

    @Test
    void withoutCriteriaAsksForEverythingWithDefaults() {
        CliRunner.Result r = cli.run("search");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(server.only().query())
                .containsExactly(
                        java.util.Map.entry("start", "0"),
                        java.util.Map.entry("size", "20"),
                        java.util.Map.entry("freeText", "*"));
    }

    @Test
    void severalTypesAndSort() {
        assertThat(cli.run("search", "--type", "a,b", "--type", "c", "--sort", "startTime:ASC")
                        .exit())
                .isZero();

        assertThat(server.only().query())
                .containsEntry("query", "workflowType IN (a,b,c)")
                .containsEntry("sort", "startTime:ASC");
    }

    @Test
    void anEmptyResultSaysSo() {
        server.clear();
        server.json("GET", "/workflow/search", 200, "{\"totalHits\":0,\"results\":[]}");

        CliRunner.Result r = cli.run("search", "--status", "COMPLETED");

        assertThat(r.out()).isEqualTo("No workflows found.\n");
    }

    @Test
    void jsonPrintsTheSearchResult() throws Exception {
        CliRunner.Result r = cli.run("search", "--json");

        assertThat(Json.MAPPER.readTree(r.out())).isEqualTo(Json.MAPPER.readTree(RESULT));
    }

    @Test
    void badStatusOrPageIsAUsageError() {
        assertThat(cli.run("search", "--status", "DONE").exit()).isEqualTo(2);
        assertThat(cli.run("search", "--size", "0").exit()).isEqualTo(2);
        assertThat(cli.run("search", "--start", "-1").exit()).isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void queryValuesAreQuotedOnlyWhenNeeded() {
        assertThat(SearchQuery.build(List.of(), List.of(), null)).isNull();
        assertThat(SearchQuery.build(List.of("flight_booking", "v-2.x"), List.of(), "order:42"))
                .isEqualTo("workflowType IN (flight_booking,v-2.x) AND correlationId = order:42");
        assertThat(SearchQuery.value("a \"b\"")).isEqualTo("\"a \\\"b\\\"\"");
        assertThat(SearchQuery.value("x,y")).isEqualTo("\"x,y\"");
    }
}
