package dev.baton.server;

import dev.baton.orchestrator.Application;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The server's entry point: {@code --help}, {@code --print-config} (the settings in effect,
 * secrets hidden), {@code --version}; otherwise it checks that a Kafka cluster is configured and
 * starts the orchestrator (REST API, built-in registry, HTTP worker, bridge). Other arguments of
 * the form {@code --name=value} are settings, as are {@code -D} flags and environment variables.
 */
public final class BatonServer {

    private BatonServer() {}

    public static void main(String[] args) {
        List<String> list = Arrays.asList(args);
        if (list.contains("--help") || list.contains("-h")) {
            ServerHelp.print(System.out);
            return;
        }
        if (list.contains("--version")) {
            System.out.println("baton-server " + ServerHelp.version());
            return;
        }
        String[] settings =
                list.stream().filter(a -> !a.equals("--print-config")).toArray(String[]::new);
        if (list.contains("--print-config")) {
            try (ConfigDump dump = ConfigDump.load(settings)) {
                dump.print(System.out);
            }
            return;
        }
        String unknown = list.stream()
                .filter(a -> !a.startsWith("--") || !a.contains("="))
                .findFirst()
                .orElse(null);
        if (unknown != null) {
            fail("unknown argument " + unknown
                    + " (settings are --name=value, -Dname=value or environment variables; see --help)");
            return;
        }
        try (ConfigDump dump = ConfigDump.load(settings)) {
            if (dump.bootstrapServers().isEmpty()) {
                fail("no Kafka cluster configured: set KAFKA_BOOTSTRAP_SERVERS, -Dkafka.bootstrap.servers=host:9092 "
                        + "or kafka.bootstrap.servers in application.yml (see --help)");
                return;
            }
        }
        Application.start(settings, EnvironmentOverFiles.of(System.getenv()));
    }

    private static void fail(String message) {
        PrintStream err = System.err;
        err.println("baton-server: " + message);
        err.flush();
        System.exit(2);
    }
}
