package dev.baton.compat.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.compat.BatonServer;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario of Conductor's conformance corpus ({@code conformance/conductor}), run as
 * a Conductor user meets Baton: the black-box runner {@code run_scenarios.py} against a real Baton
 * (Micronaut HTTP server, Kafka Streams on an in-process KRaft broker) over HTTP only. Baton runs
 * with the 2 KB variables limit the corpus's set-variable scenario needs.
 *
 * <p>One dynamic test per scenario, against the ratchet {@code rest-known-failures.txt}: an unlisted
 * scenario that fails, fails; a listed one that passes fails too (remove it from the list).
 */
@KafkaCluster(isolated = true)
class ConductorConformanceOverRestIT {
    private static final Path JSON_OUT = Path.of("target", "conformance-rest.json");
    private static final Duration RUN_LIMIT = Duration.ofMinutes(30);

    @TestFactory
    Stream<DynamicTest> everyCorpusScenarioOverHttp(KafkaTestCluster kafka) throws IOException {
        Path corpus = SharedConformance.corpus();
        List<String> corpusIds = scenarioIds(corpus);
        Files.createDirectories(JSON_OUT.toAbsolutePath().getParent());
        Files.deleteIfExists(JSON_OUT);

        ScenarioRunnerProcess.Run run;
        try (BatonServer baton =
                BatonServer.start(kafka.bootstrapServers(), Map.of("baton.max-workflow-variables-kb", 2))) {
            run = ScenarioRunnerProcess.run(
                    baton.baseUrl(), corpus, Map.of("maxWorkflowVariablesPayloadSizeKB", "2"), JSON_OUT, RUN_LIMIT);
        }
        System.out.println("Conformance over REST: " + run.summaryLine());

        Map<String, String> known = RestKnownFailures.read();
        if (Boolean.getBoolean(RestKnownFailures.UPDATE_PROPERTY)) {
            RestKnownFailures.write(run.results(), known);
            known = RestKnownFailures.read();
        }
        Map<String, String> ratchet = known;
        List<String> ranIds =
                run.results().stream().map(ScenarioRunnerProcess.Result::id).toList();

        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(
                "the runner ran every scenario of the corpus",
                () -> assertThat(ranIds).as(run.summaryLine()).containsExactlyElementsOf(corpusIds)));
        tests.add(DynamicTest.dynamicTest(
                "rest-known-failures.txt names only existing scenarios",
                () -> assertThat(ratchet.keySet())
                        .as("ids in rest-known-failures.txt")
                        .isSubsetOf(corpusIds)));
        for (ScenarioRunnerProcess.Result r : run.results()) {
            tests.add(DynamicTest.dynamicTest(r.id(), () -> verdict(r, ratchet)));
        }
        return tests.stream();
    }

    private static void verdict(ScenarioRunnerProcess.Result r, Map<String, String> known) {
        boolean listed = known.containsKey(r.id());
        if (r.passed() && listed) {
            fail(r.id() + " passes over REST now: remove it from rest-known-failures.txt");
        }
        if (!r.passed() && !listed) {
            fail(r.id() + " " + r.status() + " over REST (not in rest-known-failures.txt): " + r.message());
        }
        if (!r.passed()) {
            System.out.println("KNOWN GAP " + r.id() + ": " + known.get(r.id()) + " | now: " + r.message());
        }
    }

    private static List<String> scenarioIds(Path corpus) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode s :
                new ObjectMapper().readTree(corpus.resolve("scenarios.json").toFile())) {
            ids.add(s.path("id").asText());
        }
        assertThat(ids).as("scenarios in " + corpus).isNotEmpty();
        return ids;
    }
}
