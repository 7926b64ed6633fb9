package dev.baton.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Properties;

/** What {@code baton-server --help} prints. */
final class ServerHelp {

    private ServerHelp() {}

    static String version() {
        Properties p = new Properties();
        try (InputStream in = ServerHelp.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version to show
        }
        return p.getProperty("version", "development build");
    }

    static void print(PrintStream out) {
        out.println("""
                usage: baton-server [-Dname=value ...] [--name=value ...] [--print-config | --help | --version]

                Runs one Baton node (REST API, built-in schema registry, HTTP task worker, bridge) against an
                existing Kafka cluster. Start several with the same baton.application-id to share the work.

                  --print-config   print the settings in effect (secrets hidden) and exit
                  --version        print the version and exit
                  --help           print this and exit

                Settings, each overriding the one before: the bundled defaults, config/application.yml (or the
                files in MICRONAUT_CONFIG_FILES), environment variables, -D flags, --name=value arguments.

                  KAFKA_BOOTSTRAP_SERVERS   kafka.bootstrap.servers       the cluster (required)
                  KAFKA_<SETTING>           kafka.<setting>               any Kafka client setting (security.protocol,
                                                                          sasl.mechanism, sasl.jaas.config, ssl.*)
                  BATON_HOST / BATON_PORT   micronaut.server.host / .port 127.0.0.1 / 8080
                  BATON_ADVERTISED_HOST     baton.advertised-host         how other nodes reach this one
                  BATON_DATA_DIR            baton.data-dir                Kafka Streams state (RocksDB)
                  BATON_PARTITIONS          baton.partitions              partitions of Baton's topics (fixed for life)
                  BATON_REPLICATION_FACTOR  baton.replication-factor      replication of Baton's topics
                  BATON_STREAM_THREADS      baton.stream-threads          Kafka Streams threads
                  BATON_AUTH_ENABLED        baton.auth.enabled            require credentials (see docs/operations.md)
                  BATON_AUTH_TOKEN_SECRET   baton.auth.token-secret       JWT signing secret, >= 32 characters
                  BATON_AUTH_API_KEYS       baton.auth.api-keys           id:secret,... exchanged at POST /api/token
                  BATON_JAVA_OPTS           (JVM options, e.g. -Xmx2g)

                Health: /health/readiness, /health/liveness. Metrics: /prometheus. Every setting: docs/running.md.
                Values of settings named like passwords, secrets, keys, tokens or JAAS are never printed or logged.""");
    }
}
