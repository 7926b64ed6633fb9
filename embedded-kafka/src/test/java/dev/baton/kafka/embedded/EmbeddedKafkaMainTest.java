package dev.baton.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaMainTest {

    @TempDir
    Path dir;

    @Test
    void parsesOptionsWithDefaults() {
        EmbeddedKafkaMain.Options defaults = EmbeddedKafkaMain.Options.parse(new String[0]);
        assertThat(defaults.port).isEqualTo(19092);
        assertThat(defaults.controllerPort).isEqualTo(19093);
        assertThat(defaults.dataDir).isNull();

        EmbeddedKafkaMain.Options given = EmbeddedKafkaMain.Options.parse(
                new String[] {"--data-dir", "/tmp/x", "--port=0", "--controller-port", "29093"});
        assertThat(given.dataDir).isEqualTo(Path.of("/tmp/x"));
        assertThat(given.port).isZero();
        assertThat(given.controllerPort).isEqualTo(29093);

        assertThatThrownBy(() -> EmbeddedKafkaMain.Options.parse(new String[] {"--port", "x"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafkaMain.Options.parse(new String[] {"--nodes", "3"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsAsItsOwnJvmAndStopsOnSigterm() throws Exception {
        int port = FreePorts.resolve(0);
        int controllerPort = FreePorts.resolve(0);
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedKafkaMain.class.getName(),
                        "--data-dir",
                        dir.toString(),
                        "--port",
                        Integer.toString(port),
                        "--controller-port",
                        Integer.toString(controllerPort)))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String ready = readLine(process);
            assertThat(ready).isEqualTo("Kafka ready at 127.0.0.1:" + port);
            try (KafkaProducer<String, String> producer = Clients.producer("127.0.0.1:" + port, Map.of())) {
                producer.send(new ProducerRecord<>("from-main", "k", "v")).get();
            }
            assertThat(Clients.readValues(
                            "127.0.0.1:" + port, "from-main", "read_committed", 1, Duration.ofSeconds(20)))
                    .containsExactly("v");
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(dir.resolve("node-0").resolve("meta.properties")).exists();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String readLine(Process process) throws Exception {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("Kafka ready at")) {
                return line;
            }
        }
        return "process ended with " + process.waitFor();
    }
}
