package dev.baton.kafka.embedded;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a single-node embedded Kafka as its own JVM, e.g. for Baton's local default run.
 *
 * <pre>
 * java -cp &lt;baton-embedded-kafka classpath&gt; dev.baton.kafka.embedded.EmbeddedKafkaMain \
 *      [--data-dir DIR] [--port 19092] [--controller-port 19093]
 * </pre>
 *
 * <p>Without {@code --data-dir} the data lives in a temporary directory removed on exit. Prints
 * {@code Kafka ready at <bootstrap>} once the broker accepts clients and stops cleanly on SIGTERM/SIGINT.
 * Logging goes through SLF4J; when logback is present and not configured otherwise, a quiet bundled
 * configuration (warnings and errors only) is used.
 */
public final class EmbeddedKafkaMain {

    /** Default broker port of the standalone broker. */
    public static final int DEFAULT_PORT = 19092;
    /** Default controller port of the standalone broker. */
    public static final int DEFAULT_CONTROLLER_PORT = 19093;

    private static final String LOGBACK_CONFIG = "dev/baton/kafka/embedded/embedded-kafka-logback.xml";

    private EmbeddedKafkaMain() {}

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            usage(System.err);
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help) {
            usage(System.out);
            return;
        }
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        EmbeddedKafkaCluster.Builder builder =
                EmbeddedKafkaCluster.builder().brokerPort(options.port).controllerPort(options.controllerPort);
        if (options.dataDir != null) {
            builder.dataDir(options.dataDir);
        }
        EmbeddedKafkaCluster cluster = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                cluster.close();
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "embedded-kafka-shutdown"));
        cluster.start();
        System.out.println("Kafka ready at " + cluster.bootstrapServers());
        System.out.flush();
        stopped.await();
    }

    private static void usage(PrintStream out) {
        out.println("usage: EmbeddedKafkaMain [--data-dir DIR] [--port PORT] [--controller-port PORT]");
        out.println("  --data-dir DIR          keep the broker's data in DIR (default: a temporary directory)");
        out.println("  --port PORT             broker port on 127.0.0.1 (default " + DEFAULT_PORT + ", 0 = any free)");
        out.println("  --controller-port PORT  controller port on 127.0.0.1 (default " + DEFAULT_CONTROLLER_PORT
                + ", 0 = any free)");
    }

    /** Parsed command line. */
    static final class Options {
        Path dataDir;
        int port = DEFAULT_PORT;
        int controllerPort = DEFAULT_CONTROLLER_PORT;
        boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (name.equals("--help") || name.equals("-h")) {
                    options.help = true;
                    continue;
                }
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                switch (name) {
                    case "--data-dir" -> options.dataDir = Path.of(value);
                    case "--port" -> options.port = port(name, value);
                    case "--controller-port" -> options.controllerPort = port(name, value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return options;
        }

        private static int port(String name, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException(name + " out of range: " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a number: " + value);
            }
        }
    }
}
