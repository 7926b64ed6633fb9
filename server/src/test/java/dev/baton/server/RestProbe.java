package dev.baton.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

/**
 * Asks the nodes that are up, all the time, for workflows they have started: counts the answers by
 * status code while nodes are killed, restarted and rolled.
 */
final class RestProbe implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<String> bases;
    private final IntPredicate up;
    private final Set<String> ids;
    private final Map<Integer, Integer> codes = new ConcurrentHashMap<>();
    private final Map<Integer, String> examples = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    RestProbe(List<String> bases, IntPredicate up, Set<String> ids) {
        this.bases = bases;
        this.up = up;
        this.ids = ids;
        this.thread = new Thread(this::run, "rest-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running.get()) {
            String[] known = ids.toArray(String[]::new);
            int node = ThreadLocalRandom.current().nextInt(bases.size());
            if (known.length > 0 && up.test(node)) {
                String id = known[ThreadLocalRandom.current().nextInt(known.length)];
                try {
                    HttpResponse<String> r = HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create(bases.get(node) + "/api/workflow/" + id + "?includeTasks=false"))
                                    .timeout(Duration.ofSeconds(10))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    codes.merge(r.statusCode(), 1, Integer::sum);
                    examples.putIfAbsent(
                            r.statusCode(), r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
                } catch (IOException e) {
                    if (up.test(node)) { // not a node that was being stopped meanwhile
                        codes.merge(-1, 1, Integer::sum);
                        examples.putIfAbsent(-1, e.toString());
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Answers by status code (-1: no answer from a node that was up). */
    Map<Integer, Integer> codes() {
        return new TreeMap<>(codes);
    }

    /** The first body seen per status code. */
    Map<Integer, String> examples() {
        return new TreeMap<>(examples);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(15_000);
    }
}
