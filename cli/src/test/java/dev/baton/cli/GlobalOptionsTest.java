package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalOptionsTest {
    @TempDir
    Path dir;

    FakeConductor server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeConductor();
        server.text("PUT", "/workflow/wf-1/pause", 200, "");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void serverComesFromTheOptionBeforeOrAfterTheCommandOrFromTheEnvironment() {
        CliRunner noEnv = new CliRunner(null, dir);
        assertThat(noEnv.run("--server", server.url(), "pause", "wf-1").exit()).isZero();
        assertThat(noEnv.run("pause", "wf-1", "--server", server.url() + "/").exit())
                .isZero();
        assertThat(new CliRunner(server.url(), dir).run("pause", "wf-1").exit()).isZero();
        assertThat(new CliRunner("http://127.0.0.1:1/api", dir)
                        .run("pause", "wf-1", "--server", server.url())
                        .exit())
                .isZero();
        assertThat(server.requests())
                .hasSize(4)
                .extracting(FakeConductor.Request::path)
                .containsOnly("/api/workflow/wf-1/pause");
    }

    @Test
    void theDefaultServerIsLocalPort8080() {
        assertThat(Baton.DEFAULT_SERVER).isEqualTo("http://127.0.0.1:8080/api");
    }

    @Test
    void anUnreachableServerExitsOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRunner.Result r = new CliRunner("http://127.0.0.1:" + port + "/api", dir).run("get", "wf-1");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: cannot reach the server at http://127.0.0.1:" + port + "/api");
    }

    @Test
    void aServerThatIsNotAUrlIsAUsageError() {
        CliRunner.Result r = new CliRunner("localhost:8080", dir).run("get", "wf-1");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--server must be an http(s) URL");
    }

    @Test
    void usageErrorsExitTwo() {
        CliRunner cli = new CliRunner(server.url(), dir);
        assertThat(cli.run().exit()).isEqualTo(2);
        assertThat(cli.run("frobnicate").exit()).isEqualTo(2);
        assertThat(cli.run("get").exit()).isEqualTo(2);
        assertThat(cli.run("get", "wf-1", "--bogus").exit()).isEqualTo(2);
        assertThat(cli.run("follow", "wf-1", "--interval-ms", "soon").exit()).isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        CliRunner.Result r = new CliRunner(server.url(), dir).run("--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "start",
                        "get",
                        "search",
                        "pause",
                        "resume",
                        "terminate",
                        "retry",
                        "def",
                        "follow",
                        "--server",
                        "--token",
                        "--json",
                        "Exit codes");
    }

    @Test
    void everyCommandHasHelp() {
        CliRunner cli = new CliRunner(server.url(), dir);
        for (String[] args : new String[][] {
            {"start", "--help"},
            {"get", "-h"},
            {"search", "--help"},
            {"follow", "--help"},
            {"def", "register", "--help"},
            {"def", "list", "--help"}
        }) {
            CliRunner.Result r = cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isZero();
            assertThat(r.out()).startsWith("Usage: baton " + args[0]);
        }
        assertThat(cli.run("start", "--help").out()).contains("--version=N", "Definition version");
        assertThat(server.requests()).isEmpty();
    }
}
