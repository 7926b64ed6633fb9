package dev.baton.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the command tests: a fake Conductor API on a random port, and the CLI pointed at it. */
abstract class FakeConductorTest {
    @TempDir
    Path dir;

    FakeConductor server;
    CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        server = new FakeConductor();
        cli = new CliRunner(server.url(), dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }
}
