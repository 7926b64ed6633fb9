package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefCommandTest extends FakeConductorTest {
    private static final String WORKFLOW = """
            {"name":"order","version":2,"schemaVersion":2,"ownerEmail":"a@b.c",
             "tasks":[{"name":"charge","taskReferenceName":"charge_ref","type":"SIMPLE"}]}""";
    private static final String TASKS_YAML = """
            - name: charge
              retryCount: 2
              timeoutSeconds: 60
            - name: ship
              description: Ship the parcel
            """;

    @BeforeEach
    void stubs() {
        server.text("POST", "/metadata/workflow", 200, "");
        server.text("PUT", "/metadata/workflow", 200, "");
        server.text("POST", "/metadata/taskdefs", 200, "");
        server.text("PUT", "/metadata/taskdefs", 200, "");
    }

    @Test
    void registersAWorkflowAndTaskDefsTaskDefsFirst() throws Exception {
        Files.writeString(dir.resolve("order.json"), WORKFLOW);
        Files.writeString(dir.resolve("tasks.yaml"), TASKS_YAML);

        CliRunner.Result r = cli.run("def", "register", "order.json", "tasks.yaml");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .isEqualTo("Registered task definitions charge, ship (tasks.yaml)\n"
                        + "Registered workflow order v2 (order.json)\n");
        assertThat(server.requests())
                .extracting(q -> q.method() + " " + q.path())
                .containsExactly("POST /api/metadata/taskdefs", "POST /api/metadata/workflow");
        assertThat(Json.MAPPER.readTree(server.requests().get(0).body()))
                .isEqualTo(Json.MAPPER.readTree("[{\"name\":\"charge\",\"retryCount\":2,\"timeoutSeconds\":60},"
                        + "{\"name\":\"ship\",\"description\":\"Ship the parcel\"}]"));
        assertThat(Json.MAPPER.readTree(server.requests().get(1).body())).isEqualTo(Json.MAPPER.readTree(WORKFLOW));
        assertThat(server.requests().get(1).header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void aWorkflowInYamlIsRecognisedByItsTasks() throws Exception {
        Files.writeString(
                dir.resolve("wf.yml"),
                "name: wait_here\nversion: 1\ntasks:\n"
                        + "  - name: w\n    taskReferenceName: w_ref\n    type: WAIT\n");

        CliRunner.Result r = cli.run("def", "register", "wf.yml");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(server.only().path()).isEqualTo("/api/metadata/workflow");
        assertThat(Json.MAPPER
                        .readTree(server.only().body())
                        .path("tasks")
                        .get(0)
                        .path("type")
                        .asText())
                .isEqualTo("WAIT");
    }

    @Test
    void aSingleTaskDefIsSentAsAList() throws Exception {
        Files.writeString(dir.resolve("charge.json"), "{\"name\":\"charge\",\"retryCount\":1}");

        CliRunner.Result r = cli.run("def", "register", "charge.json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Registered task definition charge (charge.json)\n");
        assertThat(Json.MAPPER.readTree(server.only().body()))
                .isEqualTo(Json.MAPPER.readTree("[{\"name\":\"charge\",\"retryCount\":1}]"));
    }

    @Test
    void updatePutsWorkflowsAsAListAndTaskDefsOneByOne() throws Exception {
        Files.writeString(dir.resolve("order.json"), WORKFLOW);
        Files.writeString(dir.resolve("tasks.yaml"), TASKS_YAML);

        CliRunner.Result r = cli.run("def", "register", "--update", "tasks.yaml", "order.json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Updated task definitions charge, ship");
        assertThat(server.requests())
                .extracting(q -> q.method() + " " + q.path())
                .containsExactly(
                        "PUT /api/metadata/taskdefs", "PUT /api/metadata/taskdefs", "PUT /api/metadata/workflow");
        assertThat(Json.MAPPER
                        .readTree(server.requests().get(0).body())
                        .path("name")
                        .asText())
                .isEqualTo("charge");
        assertThat(Json.MAPPER.readTree(server.requests().get(2).body()))
                .isEqualTo(Json.MAPPER.readTree("[" + WORKFLOW + "]"));
    }

    @Test
    void anArrayOfWorkflowsIsPostedOneByOne() throws Exception {
        Files.writeString(
                dir.resolve("all.json"), "[" + WORKFLOW + "," + WORKFLOW.replace("\"order\"", "\"refund\"") + "]");

        CliRunner.Result r = cli.run("def", "register", "all.json", "--json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(server.requests())
                .extracting(FakeConductor.Request::path)
                .containsExactly("/api/metadata/workflow", "/api/metadata/workflow");
        assertThat(Json.MAPPER.readTree(r.out()))
                .isEqualTo(
                        Json.MAPPER.readTree(
                                "[{\"file\":\""
                                        + dir.resolve("all.json").toString().replace("\\", "\\\\")
                                        + "\",\"kind\":\"workflow\",\"action\":\"registered\",\"names\":[\"order v2\",\"refund v2\"]}]"));
    }

    @Test
    void unreadableOrAmbiguousFilesAreUsageErrorsAndNothingIsSent() throws Exception {
        Files.writeString(dir.resolve("ok.json"), WORKFLOW);
        Files.writeString(dir.resolve("bad.json"), "{\"name\": ");
        Files.writeString(dir.resolve("mixed.json"), "[" + WORKFLOW + ",{\"name\":\"charge\"}]");
        Files.writeString(dir.resolve("noname.yaml"), "- retryCount: 1\n");

        CliRunner.Result bad = cli.run("def", "register", "ok.json", "bad.json");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.json: not valid JSON");
        CliRunner.Result mixed = cli.run("def", "register", "mixed.json");
        assertThat(mixed.exit()).isEqualTo(2);
        assertThat(mixed.err()).contains("mixes workflow definitions");
        CliRunner.Result noName = cli.run("def", "register", "noname.yaml");
        assertThat(noName.exit()).isEqualTo(2);
        assertThat(noName.err()).contains("noname.yaml [0]: the definition has no name");
        assertThat(cli.run("def", "register", "missing.json").exit()).isEqualTo(2);
        assertThat(cli.run("def", "register").exit()).isEqualTo(2);
        assertThat(cli.run("def").exit()).isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aRejectedDefinitionExitsOneNamingTheFileAndTheFields() throws Exception {
        server.clear();
        server.json(
                "POST",
                "/metadata/workflow",
                400,
                "{\"status\":400,\"code\":\"INVALID_INPUT\","
                        + "\"message\":\"tasks[0].taskReferenceName: must not be blank\",\"validationErrors\":["
                        + "{\"path\":\"tasks[0].taskReferenceName\",\"message\":\"must not be blank\",\"invalidValue\":\"\"}]}");
        Files.writeString(dir.resolve("order.json"), WORKFLOW);

        CliRunner.Result r = cli.run("def", "register", "order.json");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .isEqualTo("error: 400 INVALID_INPUT: order.json: tasks[0].taskReferenceName: must not be blank\n"
                        + "  tasks[0].taskReferenceName: must not be blank (value: )\n");
    }

    @Test
    void listsWorkflowDefinitions() {
        server.json(
                "GET",
                "/metadata/workflow",
                200,
                "[" + WORKFLOW + ","
                        + "{\"name\":\"order\",\"version\":1,\"description\":\"first\",\"tasks\":[]},"
                        + "{\"name\":\"audit\",\"version\":1,\"tasks\":[{},{}]}]");

        CliRunner.Result r = cli.run("def", "list");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(server.only().method() + " " + server.only().path()).isEqualTo("GET /api/metadata/workflow");
        assertThat(r.out()).isEqualTo("""
                NAME   VERSION  TASKS  DESCRIPTION
                audit  1        2      -
                order  1        0      first
                order  2        1      -
                """);
    }

    @Test
    void listsTaskDefinitions() {
        server.json(
                "GET",
                "/metadata/taskdefs",
                200,
                "[{\"name\":\"ship\",\"retryCount\":3,\"retryLogic\":\"FIXED\","
                        + "\"timeoutSeconds\":60,\"responseTimeoutSeconds\":30,\"description\":\"Ship it\"}]");

        CliRunner.Result r = cli.run("def", "list", "--tasks");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(server.only().path()).isEqualTo("/api/metadata/taskdefs");
        assertThat(r.out()).isEqualTo("""
                NAME  RETRIES  RETRY LOGIC  TIMEOUT S  RESPONSE TIMEOUT S  DESCRIPTION
                ship  3        FIXED        60         30                  Ship it
                """);
    }
}
