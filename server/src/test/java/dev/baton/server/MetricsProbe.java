package dev.baton.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Drives a running Baton over its REST API until every kind of event its meters count has happened
 * once (a workflow completed, failed, terminated and timed out; an HTTP task; a poison reply), then
 * reads its {@code /prometheus} page.
 */
final class MetricsProbe {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String base;
    private final String bootstrapServers;

    MetricsProbe(String base, String bootstrapServers) {
        this.base = base;
        this.bootstrapServers = bootstrapServers;
    }

    /** Runs one workflow to each end state and sends one poison reply; returns once all are counted. */
    void exerciseEveryMeter() throws Exception {
        register("""
                {"name":"probe_ok","version":1,"schemaVersion":2,"tasks":[
                  {"name":"call","taskReferenceName":"call","type":"HTTP","inputParameters":{
                    "http_request":{"uri":"%s/health/liveness","method":"GET"}}}]}""".formatted(base));
        register("""
                {"name":"probe_fail","version":1,"schemaVersion":2,"tasks":[
                  {"name":"stop","taskReferenceName":"stop","type":"TERMINATE","inputParameters":{
                    "terminationStatus":"FAILED","terminationReason":"probe"}}]}""");
        register("""
                {"name":"probe_wait","version":1,"schemaVersion":2,"tasks":[
                  {"name":"nap","taskReferenceName":"nap","type":"WAIT","inputParameters":{"duration":"1h"}}]}""");
        register("""
                {"name":"probe_timeout","version":1,"schemaVersion":2,"timeoutSeconds":1,"timeoutPolicy":"TIME_OUT_WF",
                 "tasks":[{"name":"nap","taskReferenceName":"nap","type":"WAIT","inputParameters":{"duration":"1h"}}]}""");
        start("probe_ok");
        start("probe_fail");
        start("probe_timeout");
        String waiting = start("probe_wait");
        awaitStatus(waiting, "RUNNING");
        send("DELETE", "/api/workflow/" + waiting + "?reason=probe", null, 204, 200);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            "baton.replies",
                            "poison-probe",
                            "\u00ff\u00fe not a reply".getBytes(StandardCharsets.ISO_8859_1)))
                    .get();
        }
        awaitScrape(
                Set.of(
                        "baton_workflows_completed_total",
                        "baton_workflows_failed_total",
                        "baton_workflows_terminated_total",
                        "baton_workflows_timed_out_total",
                        "baton_dlq_records_total",
                        "baton_task_latency_seconds_bucket"),
                Duration.ofSeconds(60));
    }

    /** The metric names on the {@code /prometheus} page (histograms as their _bucket/_sum/_count series). */
    Set<String> exported() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : get("/prometheus").body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private void awaitScrape(Set<String> names, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!exported().containsAll(names)) {
            if (System.nanoTime() > deadline) {
                Set<String> missing = new TreeSet<>(names);
                missing.removeAll(exported());
                throw new AssertionError("not exported within " + timeout + ": " + missing);
            }
            Thread.sleep(250);
        }
    }

    private void register(String definition) throws Exception {
        send("POST", "/api/metadata/workflow", definition, 200, 204);
    }

    /** Starts a workflow; a definition just registered may take a moment to reach the runtime. */
    private String start(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> r = request("POST", "/api/workflow/" + name, "{}");
            if (r.statusCode() == 200) {
                return r.body().trim();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("start " + name + ": " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(200);
        }
    }

    private void awaitStatus(String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!get("/api/workflow/" + id + "?includeTasks=false").body().contains("\"status\":\"" + status + "\"")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("workflow " + id + " not " + status);
            }
            Thread.sleep(200);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return request("GET", path, null);
    }

    private void send(String method, String path, String body, int... ok) throws Exception {
        HttpResponse<String> r = request(method, path, body);
        for (int code : ok) {
            if (r.statusCode() == code) {
                return;
            }
        }
        throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
    }

    private HttpResponse<String> request(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
