package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.AppliedNotices;
import dev.baton.orchestrator.runtime.InstanceCodec;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queries for any instance from any node. {@link #find} asks Kafka Streams which node holds the
 * instance's partition, reads it locally when that is this node and otherwise from the owner over
 * HTTP ({@code GET /internal/instances/{id}}). Only the owner's active copy, restored and processing,
 * answers: "no such workflow" (404) is said only by it, never by a standby or a store being restored
 * (which may lag behind), nor for a workflow this node started whose START is not applied yet; while
 * the owner cannot answer (it is unreachable, restoring, or the partition is moving) {@link #find}
 * waits, then answers 503. {@link #search} asks every node for its partitions' matches as keys
 * ({@code POST /internal/instances/search}), merges them, each partition counted once, and reads
 * only the page's instances ({@code POST /internal/instances/read}). While
 * partitions move (rebalancing, a node leaving) both retry for {@code baton.query-unavailable-wait-ms},
 * then answer 503.
 */
@Singleton
@Primary
@Requires(beans = StreamsRuntime.class)
public class RoutedInstanceQueries implements InstanceQueries {
    private static final Logger LOG = LoggerFactory.getLogger(RoutedInstanceQueries.class);

    private final StreamsRuntime runtime;
    private final LocalInstanceQueries local;
    private final NodeClient nodes;
    private final long waitNanos;
    /** How long a start sent from this node keeps its read-your-writes guard (its START is surely applied by then). */
    private static final long EXPECT_NANOS = Duration.ofMinutes(2).toNanos();

    private static final int MAX_EXPECTED = 100_000;
    /** Workflows started from this node and not seen yet, with when to stop waiting for them. */
    private final Map<String, Long> expected = new ConcurrentHashMap<>();
    /** The highest partition count seen so far; partitions never go away, so a search always expects them all. */
    private final AtomicInteger partitionsSeen = new AtomicInteger();
    /** Signals sent from this node whose effect a read waits for ({@link #find}). */
    private final OwnSignals signals = new OwnSignals();
    /** How long one read waits for this node's pending signals at most. */
    private static final long MAX_SETTLE_NANOS = Duration.ofSeconds(2).toNanos();

    public RoutedInstanceQueries(
            StreamsRuntime runtime,
            BatonConfig config,
            dev.baton.orchestrator.security.InternalCredentials credentials) {
        this.runtime = runtime;
        this.local = new LocalInstanceQueries(runtime);
        this.nodes = new NodeClient(Duration.ofMillis(config.getQueryTimeoutMs()), credentials::headers);
        this.waitNanos = Duration.ofMillis(config.getQueryUnavailableWaitMs()).toNanos();
    }

    @Override
    public void expect(String workflowId) {
        long now = System.nanoTime();
        if (expected.size() >= MAX_EXPECTED) {
            expected.values().removeIf(until -> until - now < 0);
            if (expected.size() >= MAX_EXPECTED) {
                return; // a flood of starts nobody reads: forget about read-your-writes for the rest
            }
        }
        expected.put(workflowId, now + EXPECT_NANOS);
    }

    @Override
    public void seen(String workflowId) {
        expected.remove(workflowId);
    }

    @Override
    public boolean appliedHere(String workflowId) {
        try {
            Optional<HostInfo> self = runtime.advertised();
            if (self.isEmpty()) {
                // a node on its own: it applies every step once its partitions are served
                return runtime.started() && local.allServedNow();
            }
            KeyQueryMetadata md = runtime.instanceMetadata(workflowId);
            return md != null
                    && !KeyQueryMetadata.NOT_AVAILABLE.equals(md)
                    && self.get().equals(md.activeHost())
                    && runtime.servedGeneration(md.partition()) != 0;
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return false;
        }
    }

    /** Whether this node started the workflow lately and has not seen it since. */
    private boolean expected(String workflowId) {
        Long until = expected.get(workflowId);
        if (until == null) {
            return false;
        }
        if (until - System.nanoTime() < 0) {
            expected.remove(workflowId, until);
            return false;
        }
        return true;
    }

    @Override
    public void sent(String workflowId, java.util.function.Predicate<WorkflowInstance> applied) {
        signals.sent(workflowId, applied, System.nanoTime());
    }

    @Override
    public Optional<WorkflowInstance> find(String workflowId) {
        OwnSignals.Wait pending = signals.pending(workflowId, System.nanoTime());
        return pending == null ? findNow(workflowId) : settled(workflowId, pending);
    }

    /** The instance once it shows this node's pending signals applied, or as it is when the wait is over. */
    private Optional<WorkflowInstance> settled(String workflowId, OwnSignals.Wait pending) {
        Optional<WorkflowInstance> wf = findNow(workflowId);
        if (applied(workflowId, wf, pending)) {
            return wf; // the usual case: applied by the time anyone reads
        }
        long deadline = Math.min(pending.untilNanos(), System.nanoTime() + MAX_SETTLE_NANOS);
        // made before the next read, so that a step applied between that read and the wait is not missed
        try (AppliedNotices.Watch watch = runtime.applied().watch(workflowId, pending.applied())) {
            long pause = appliedHere(workflowId) ? 100 : 4;
            while (true) {
                wf = findNow(workflowId);
                if (applied(workflowId, wf, pending)) {
                    return wf;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return wf;
                }
                watch.await(Math.min(pause, left));
                pause = Math.min(100, pause * 2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return findNow(workflowId);
        }
    }

    /** Whether the instance read shows the pending signals applied (or is gone); forgets what it shows applied. */
    private boolean applied(String workflowId, Optional<WorkflowInstance> wf, OwnSignals.Wait pending) {
        if (wf.isEmpty()) {
            signals.forget(workflowId);
            return true;
        }
        if (pending.applied().test(wf.get())) {
            signals.seen(workflowId, wf.get());
            return true;
        }
        return false;
    }

    @Override
    public Optional<WorkflowInstance> findNow(String workflowId) {
        NodeClient.Lookup r = fetch(workflowId, null);
        if (r.instance() != null) {
            return Optional.of(r.instance());
        }
        return r.bytes() == null ? Optional.empty() : Optional.of(InstanceCodec.decode(r.bytes()));
    }

    @Override
    public Optional<byte[]> payload(String workflowId, String payloadId) {
        return Optional.ofNullable(fetch(workflowId, payloadId).bytes());
    }

    /** The instance (or one of its out-of-line documents) from whichever node holds it; absent when there is none. */
    private NodeClient.Lookup fetch(String workflowId, String payloadId) {
        long deadline = System.nanoTime() + waitNanos;
        AppliedNotices.Watch watch = null; // made at the first miss, before the next look, so no notice is lost
        try {
            for (int attempt = 0; ; ) {
                NodeClient.Lookup r;
                try {
                    r = lookup(workflowId, payloadId);
                } catch (InvalidStateStoreException | IllegalStateException e) {
                    r = NodeClient.Lookup.unavailable(e.getMessage());
                }
                if (r.definitive() && !r.present() && expected(workflowId)) {
                    r = NodeClient.Lookup.unavailable("it was started on this node and its start is not applied yet");
                }
                if (r.definitive()) {
                    if (r.present()) {
                        expected.remove(workflowId);
                    }
                    return r;
                }
                if (System.nanoTime() - deadline > 0) {
                    LOG.warn("Workflow {} is not readable: {}", workflowId, r.reason());
                    throw new ApiException(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "Workflow " + workflowId + " cannot be read right now: " + r.reason()
                                    + ". Try again shortly.");
                }
                if (watch == null) {
                    watch = runtime.applied().watch(workflowId);
                    continue; // look again now that a step applied on this node would end the pause below
                }
                pause(watch, attempt++);
            }
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    @Override
    public AppliedNotices.Watch watch(String workflowId, java.util.function.Predicate<WorkflowInstance> until) {
        return runtime.applied().watch(workflowId, until);
    }

    private NodeClient.Lookup lookup(String workflowId, String payloadId) {
        Optional<HostInfo> self = runtime.advertised();
        if (self.isEmpty()) {
            if (!runtime.started()) {
                return NodeClient.Lookup.unavailable("this node's Kafka Streams has not started yet");
            }
            // no address advertised: a node on its own
            if (payloadId != null) {
                byte[] bytes = local.payloadServed(workflowId, payloadId);
                return bytes == null ? NodeClient.Lookup.absent() : NodeClient.Lookup.found(bytes);
            }
            WorkflowInstance wf = local.findServed(workflowId);
            return wf == null ? NodeClient.Lookup.absent() : NodeClient.Lookup.found(wf);
        }
        KeyQueryMetadata md = runtime.instanceMetadata(workflowId);
        if (md == null
                || KeyQueryMetadata.NOT_AVAILABLE.equals(md)
                || md.activeHost().port() < 0) {
            return NodeClient.Lookup.unavailable("no node holds its partition yet (rebalancing)");
        }
        // Only the active copy, restored and processing, answers: a standby (or a store being
        // restored) may lag behind and not have the instance yet, and its "no such instance" is no answer.
        return read(md.activeHost(), self.get(), workflowId, payloadId, md.partition(), false);
    }

    private NodeClient.Lookup read(
            HostInfo node, HostInfo self, String workflowId, String payloadId, int partition, boolean stale) {
        if (!node.equals(self)) {
            return nodes.get(node, workflowId, payloadId, partition, stale);
        }
        try {
            if (payloadId != null) {
                byte[] bytes = local.payloadBytes(workflowId, payloadId, partition, stale);
                return bytes == null ? NodeClient.Lookup.absent() : NodeClient.Lookup.found(bytes);
            }
            WorkflowInstance wf = local.find(workflowId, partition, stale);
            return wf == null ? NodeClient.Lookup.absent() : NodeClient.Lookup.found(wf);
        } catch (InvalidStateStoreException e) {
            return NodeClient.Lookup.unavailable(
                    "partition " + partition + " is not queryable here: " + e.getMessage());
        }
    }

    @Override
    public SearchResult search(InstanceSearch search) {
        long deadline = System.nanoTime() + waitNanos;
        int limit = PartialSearch.limitFor(search.start(), search.size());
        List<SearchPage.Answer> answers = new ArrayList<>();
        Set<Integer> covered = new TreeSet<>();
        String problem = null;
        for (int attempt = 0; ; attempt++) {
            try {
                Optional<HostInfo> self = runtime.advertised();
                if (self.isEmpty()) {
                    if (runtime.started()) {
                        return local.search(search); // no address advertised: a node on its own
                    }
                    problem = "this node's Kafka Streams has not started yet";
                } else {
                    Layout layout = layout();
                    Set<Integer> missing = new TreeSet<>(layout.partitions());
                    missing.removeAll(covered);
                    if (missing.isEmpty() && !layout.partitions().isEmpty()) {
                        return page(answers, search, self.get());
                    }
                    if (layout.partitions().isEmpty()) {
                        problem = "no node holds instances yet (rebalancing)";
                    } else {
                        ask(search, limit, self.get(), group(missing, layout.active()), false, answers, covered);
                        missing.removeAll(covered);
                        if (!missing.isEmpty()) {
                            ask(
                                    search,
                                    limit,
                                    self.get(),
                                    standbysFor(missing, layout.standbys()),
                                    true,
                                    answers,
                                    covered);
                            missing.removeAll(covered);
                        }
                        if (missing.isEmpty()) {
                            return page(answers, search, self.get());
                        }
                        problem = "partitions " + missing + " are not queryable (rebalancing or a node is down)";
                    }
                }
            } catch (InvalidStateStoreException | IllegalStateException e) {
                problem = e.getMessage();
            }
            if (System.nanoTime() - deadline > 0) {
                LOG.warn("Search is not answerable: {}", problem);
                throw new ApiException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Search cannot reach every instance right now: " + problem + ". Try again shortly.");
            }
            pause(AppliedNotices.Watch.PAUSE, attempt);
        }
    }

    /** Asks each node for its partitions (others in parallel, this node directly) and records what they answered. */
    private void ask(
            InstanceSearch search,
            int limit,
            HostInfo self,
            Map<HostInfo, List<Integer>> plan,
            boolean stale,
            List<SearchPage.Answer> answers,
            Set<Integer> covered) {
        Map<HostInfo, CompletableFuture<PartialSearch>> remote = new LinkedHashMap<>();
        plan.forEach((node, partitions) -> {
            if (!node.equals(self) && node.port() >= 0) {
                remote.put(node, nodes.search(node, search, partitions, stale));
            }
        });
        List<SearchPage.Answer> received = new ArrayList<>();
        if (plan.containsKey(self)) {
            received.add(new SearchPage.Answer(
                    new SearchPage.Source(self, stale),
                    local.searchPartitions(search, plan.get(self), stale, limit, true)));
        }
        remote.forEach((node, future) -> {
            try {
                PartialSearch answer = future.join();
                if (plan.get(node).containsAll(answer.partitions())) {
                    received.add(new SearchPage.Answer(new SearchPage.Source(node, stale), answer));
                }
            } catch (RuntimeException e) {
                LOG.debug("Search on {} failed: {}", node, e.toString());
            }
        });
        for (SearchPage.Answer answer : received) {
            if (answer.partial().partitions().stream().noneMatch(covered::contains)) {
                answers.add(answer);
                covered.addAll(answer.partial().partitions());
            }
        }
    }

    /**
     * The page of the merged answers: its matches picked from the keys, then only they are read,
     * each from the node that answered for its partition (one request per node, in parallel). One
     * that node can no longer read is read as {@link #find} reads (from its owner now); one gone
     * since the search is left out.
     */
    private SearchResult page(List<SearchPage.Answer> answers, InstanceSearch search, HostInfo self) {
        List<SearchPage.Entry> picked = SearchPage.pick(answers, search.start(), search.size());
        Map<SearchPage.Source, List<PartialSearch.Key>> bySource = new LinkedHashMap<>();
        for (SearchPage.Entry e : picked) {
            if (e.whole() == null) {
                bySource.computeIfAbsent(e.source(), s -> new ArrayList<>()).add(e.key());
            }
        }
        Map<SearchPage.Source, CompletableFuture<InstanceReads>> remote = new LinkedHashMap<>();
        bySource.forEach((source, keys) -> {
            if (!source.node().equals(self)) {
                remote.put(source, nodes.read(source.node(), keys, source.stale()));
            }
        });
        Map<String, WorkflowInstance> found = new HashMap<>();
        Set<String> absent = new HashSet<>();
        bySource.forEach((source, keys) -> {
            InstanceReads reads;
            if (source.node().equals(self)) {
                reads = local.read(keys, source.stale());
            } else {
                try {
                    reads = remote.get(source).join();
                } catch (RuntimeException ex) {
                    LOG.debug("Reading a page's instances on {} failed: {}", source.node(), ex.toString());
                    return;
                }
            }
            reads.found().forEach(w -> found.put(w.workflowId, w));
            absent.addAll(reads.absent());
        });
        List<WorkflowInstance> page = new ArrayList<>(picked.size());
        for (SearchPage.Entry e : picked) {
            WorkflowInstance wf = e.whole() != null ? e.whole() : found.get(e.workflowId());
            if (wf == null && !absent.contains(e.workflowId())) {
                wf = find(e.workflowId()).orElse(null);
            }
            if (wf != null) {
                page.add(wf);
            }
        }
        return new SearchResult(SearchPage.total(answers), page);
    }

    /** Where each partition of the instance store lives, as this node's Kafka Streams knows it. */
    private Layout layout() {
        Map<Integer, HostInfo> active = new HashMap<>();
        Map<Integer, List<HostInfo>> standbys = new HashMap<>();
        Set<Integer> partitions = new TreeSet<>();
        for (StreamsMetadata node : runtime.allNodes()) {
            for (TopicPartition tp : node.topicPartitions()) {
                if (tp.topic().equals(Topics.COMMANDS)) {
                    active.put(tp.partition(), node.hostInfo());
                    partitions.add(tp.partition());
                }
            }
            for (TopicPartition tp : node.standbyTopicPartitions()) {
                if (tp.topic().equals(Topics.COMMANDS)) {
                    standbys.computeIfAbsent(tp.partition(), p -> new ArrayList<>())
                            .add(node.hostInfo());
                    partitions.add(tp.partition());
                }
            }
        }
        int count = partitions.isEmpty() ? 0 : ((TreeSet<Integer>) partitions).last() + 1;
        int seen = partitionsSeen.accumulateAndGet(count, Math::max);
        for (int p = 0; p < seen && !partitions.isEmpty(); p++) {
            partitions.add(p);
        }
        return new Layout(partitions, active, standbys);
    }

    private static Map<HostInfo, List<Integer>> group(Set<Integer> partitions, Map<Integer, HostInfo> owners) {
        Map<HostInfo, List<Integer>> plan = new LinkedHashMap<>();
        for (int p : partitions) {
            HostInfo owner = owners.get(p);
            if (owner != null) {
                plan.computeIfAbsent(owner, h -> new ArrayList<>()).add(p);
            }
        }
        return plan;
    }

    /** One standby per missing partition (the first listed). */
    private static Map<HostInfo, List<Integer>> standbysFor(
            Set<Integer> partitions, Map<Integer, List<HostInfo>> standbys) {
        Map<Integer, HostInfo> first = new HashMap<>();
        for (int p : partitions) {
            List<HostInfo> hosts = standbys.getOrDefault(p, List.of());
            if (!hosts.isEmpty()) {
                first.put(p, hosts.get(0));
            }
        }
        return group(partitions, first);
    }

    /** Waits before the next look: 25, 50, 100, 200, 250 ms, or less once this node applies a step of it. */
    private static void pause(AppliedNotices.Watch watch, int attempt) {
        try {
            watch.await(Math.min(250, 25L << Math.min(attempt, 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE, "Interrupted while waiting for the instances' owner");
        }
    }

    private record Layout(
            Set<Integer> partitions, Map<Integer, HostInfo> active, Map<Integer, List<HostInfo>> standbys) {}
}
