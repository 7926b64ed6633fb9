package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.client.StateWatcher;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.testkit.NodeProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What ClusterIT drives its cluster with: definitions, a steady stream of bookings over REST, progress, histories. */
final class ClusterSupport {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ClusterSupport() {}

    static void awaitOutput(NodeProcess process, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(process.name() + " did not print '" + text + "':\n" + process.tail());
            }
            Thread.sleep(200);
        }
    }

    /** Registers the flight-booking saga and its task definitions over REST. */
    static void registerFlightBooking(String base) throws Exception {
        post(base + "/api/metadata/taskdefs", resource("/workflows/flight_booking_tasks.json"), 200, 204);
        post(base + "/api/metadata/workflow", resource("/workflows/flight_booking.json"), 200, 204);
    }

    private static void post(String url, String body, int... ok) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok).as(url + ": " + r.body()).contains(r.statusCode());
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ClusterSupport.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Starts {@code total} bookings over REST, {@code perSecond} a second, on the nodes that are up in turn. */
    static final class Starter implements AutoCloseable {
        private final Map<Integer, Integer> codes = new ConcurrentHashMap<>();
        private final Map<Integer, String> examples = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile Throwable failure;

        /** Starts are sent by several threads: one start waits until the workflow exists, which takes a while under load. */
        Starter(List<String> bases, IntPredicate up, Set<String> ids, int total, int perSecond) {
            thread = new Thread(
                    () -> {
                        ExecutorService pool = Executors.newFixedThreadPool(8);
                        try {
                            long start = System.nanoTime();
                            List<Future<?>> started = new ArrayList<>();
                            for (int i = 0; i < total; i++) {
                                long wait = start + i * 1_000_000_000L / perSecond - System.nanoTime();
                                if (wait > 0) {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                }
                                int n = i;
                                started.add(pool.submit(() -> ids.add(startOne(bases, up, n))));
                            }
                            for (Future<?> f : started) {
                                f.get();
                            }
                        } catch (Throwable t) {
                            failure = t;
                        } finally {
                            pool.shutdownNow();
                        }
                    },
                    "booking-starter");
            thread.setDaemon(true);
            thread.start();
        }

        private String startOne(List<String> bases, IntPredicate up, int i) throws Exception {
            // Conductor's StartWorkflowRequest with an idempotency key: a start retried after a time-out (which
            // may have started the booking all the same) returns the booking's workflow instead of a second one.
            String booking = """
                    {"name":"flight_booking","idempotencyKey":"BK-%d","idempotencyStrategy":"RETURN_EXISTING","input":\
                    {"bookingId":"BK-%d","flight":"BA117","passenger":"P %d","email":"bk%d@example.com","amount":120,"currency":"EUR"}}""".formatted(i, i, i, i);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            for (int attempt = 0; ; attempt++) {
                int node = (i + attempt) % bases.size();
                if (up.test(node)) {
                    int code;
                    String body;
                    try {
                        HttpResponse<String> r = HTTP.send(
                                HttpRequest.newBuilder(URI.create(bases.get(node) + "/api/workflow"))
                                        .header("Content-Type", "application/json")
                                        .timeout(Duration.ofSeconds(10))
                                        .POST(HttpRequest.BodyPublishers.ofString(booking))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        code = r.statusCode();
                        body = r.body();
                    } catch (IOException e) {
                        code = -1;
                        body = e.toString();
                    }
                    codes.merge(code, 1, Integer::sum);
                    if (code == 200) {
                        return body.trim();
                    }
                    examples.putIfAbsent(code, body.length() > 300 ? body.substring(0, 300) : body);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("booking " + i + " not started within 2 minutes: " + examples);
                }
                Thread.sleep(100);
            }
        }

        void awaitAll(Duration timeout) throws InterruptedException {
            thread.join(timeout.toMillis());
            if (failure != null) {
                throw new AssertionError("starting bookings failed", failure);
            }
            assertThat(thread.isAlive())
                    .as("still starting bookings after " + timeout)
                    .isFalse();
        }

        Map<Integer, Integer> codes() {
            return new TreeMap<>(codes);
        }

        Map<Integer, String> examples() {
            return new TreeMap<>(examples);
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    /**
     * Completed bookings as the state topic shows them, read all the time by a thread of its own (the
     * watcher is that thread's alone), so that a stretch without a completion is measured whenever it
     * happens — also while the test waits for a node to restart.
     */
    static final class Progress implements AutoCloseable {
        private final StateWatcher watcher;
        private final Set<String> ids;
        private final Set<String> seen;
        private final AtomicInteger finished = new AtomicInteger();
        /** When each completion was seen (System.nanoTime), in order. */
        private final List<Long> completions = Collections.synchronizedList(new ArrayList<>());

        private volatile Map<String, WorkflowSnapshot> snapshots = Map.of();
        private volatile RuntimeException failure;
        private final Thread thread;

        Progress(StateWatcher watcher, Set<String> ids, Set<String> seen) {
            this.watcher = watcher;
            this.ids = ids;
            this.seen = seen;
            this.thread = new Thread(this::watch, "booking-progress");
            thread.setDaemon(true);
            thread.start();
        }

        private void watch() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    watcher.poll(Duration.ofMillis(100));
                    Map<String, WorkflowSnapshot> now = Map.copyOf(watcher.snapshots());
                    seen.addAll(now.keySet());
                    long at = System.nanoTime();
                    int count = watcher.finished();
                    for (int k = finished.get(); k < count; k++) {
                        completions.add(at);
                    }
                    snapshots = now;
                    finished.set(count);
                }
            } catch (InterruptException e) {
                // closing
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        int finished() {
            return finished.get();
        }

        Map<String, WorkflowSnapshot> snapshots() {
            return snapshots;
        }

        /** Up to 20 started bookings that have not finished, with the last status the state topic showed. */
        private String unfinished() {
            Map<String, Object> out = new TreeMap<>();
            Map<String, WorkflowSnapshot> latest = snapshots;
            for (String id : ids) {
                var snapshot = latest.get(id);
                boolean done = snapshot != null
                        && snapshot.getStatus() != dev.baton.protocol.WorkflowStatus.RUNNING
                        && snapshot.getStatus() != dev.baton.protocol.WorkflowStatus.PAUSED;
                if (!done && out.size() < 20) {
                    out.put(id, snapshot == null ? "no snapshot" : snapshot.getStatus());
                }
            }
            return out.toString();
        }

        /** Waits until {@code target} bookings have finished; describes how long it took and the longest stall. */
        String await(int target, Duration timeout) throws InterruptedException {
            return awaitSince(System.nanoTime(), target, timeout);
        }

        /**
         * Waits until {@code target} bookings have finished; describes what finished since {@code from} (a
         * disruption's start, System.nanoTime) and the longest stretch without a completion since then.
         */
        String awaitSince(long from, int target, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (finished.get() < target) {
                if (failure != null) {
                    throw new AssertionError("reading baton.state failed", failure);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(finished.get() + " of " + target + " finished after " + timeout
                            + " (started: " + ids.size() + "); not finished: " + unfinished());
                }
                Thread.sleep(50);
            }
            long end = System.nanoTime();
            List<Long> times;
            synchronized (completions) {
                times = completions.stream().filter(t -> t >= from).toList();
            }
            long longest = 0;
            long last = from;
            for (long t : times) {
                longest = Math.max(longest, t - last);
                last = t;
            }
            return String.format(
                    "+%d finished in %.1f s, longest stretch without a completion %.1f s",
                    times.size(), (end - from) / 1e9, longest / 1e9);
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    /** Reads baton.events to its end; asserts every watched workflow's history is numbered 1, 2, 3, ... */
    static int assertGaplessHistories(String bootstrap, Set<String> ids) {
        ProtocolCodec codec = ProtocolCodec.json();
        Map<String, List<Long>> seqs = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor("baton.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (ids.contains(r.key())) {
                        seqs.computeIfAbsent(r.key(), k -> new ArrayList<>())
                                .add(codec.decodeEvent(r.value()).getSeq());
                    }
                }
            }
        }
        assertThat(seqs.keySet()).containsAll(ids);
        seqs.forEach((id, list) -> {
            for (int i = 0; i < list.size(); i++) {
                assertThat(list.get(i)).as("event %d of %s", i, id).isEqualTo(i + 1L);
            }
        });
        return seqs.size();
    }
}
