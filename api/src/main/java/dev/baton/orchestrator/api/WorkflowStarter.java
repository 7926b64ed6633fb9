package dev.baton.orchestrator.api;

import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.error.ApiError;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.runtime.AppliedNotices;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts workflows for the API: checks the definition exists, honours idempotency keys, sends
 * the START command and waits (bounded) until the new instance is visible, so that a read right
 * after the start finds it.
 *
 * <p>Idempotency: the runs for one (name, key) have the ids {@link IdempotentIds#id} 0, 1, 2...
 * A start looks up that chain (skipping up to {@value #LOOKAHEAD} missing ids, which retention
 * may have removed) and decides by the strategy from the newest run found. Starts with the same key
 * are serialized on this node; across nodes the deterministic id still guarantees one instance.
 */
@Singleton
@Requires(property = "baton.runtime.enabled", notEquals = "false")
public class WorkflowStarter {
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowStarter.class);
    static final int LOOKAHEAD = 3;
    private static final int MAX_CHAIN = 100_000;

    private final WorkflowClient client;
    private final InstanceQueries queries;
    private final DefinitionStore definitions;
    private final ApiSettings settings;
    private final ReentrantLock[] stripes = new ReentrantLock[256];
    private final DomainTopics domainTopics = new DomainTopics();

    public WorkflowStarter(
            WorkflowClient client, InstanceQueries queries, DefinitionStore definitions, ApiSettings settings) {
        this.client = client;
        this.queries = queries;
        this.definitions = definitions;
        this.settings = settings;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Starts the workflow (or, by the idempotency strategy, finds the existing one) and returns its id. */
    public String start(StartRequest r) {
        settings.checkSize(r.input(), "$.input");
        if (r.workflowDef() != null) {
            settings.checkSize(dev.baton.dsl.DefinitionParser.toJson(r.workflowDef()), "$.workflowDef");
        }
        WorkflowDef def = r.workflowDef() != null ? r.workflowDef() : registered(r.name(), r.version());
        if (r.idempotencyKey() == null) {
            String id = UUID.randomUUID().toString();
            send(id, r, def);
            return id;
        }
        ReentrantLock lock =
                stripes[Math.floorMod((r.name() + "\u0000" + r.idempotencyKey()).hashCode(), stripes.length)];
        lock.lock();
        try {
            Chain chain = chain(r.name(), r.idempotencyKey());
            switch (r.idempotencyStrategy()) {
                case RETURN_EXISTING -> {
                    if (chain.last != null) {
                        return chain.last.workflowId;
                    }
                }
                case FAIL -> {
                    if (chain.last != null) {
                        throw ApiException.conflict("A workflow with idempotencyKey '" + r.idempotencyKey()
                                + "' was already started: " + chain.last.workflowId);
                    }
                }
                case FAIL_ON_RUNNING -> {
                    if (chain.last != null && !chain.last.isTerminal()) {
                        throw ApiException.conflict("The workflow started with idempotencyKey '" + r.idempotencyKey()
                                + "' is still " + chain.last.status + ": " + chain.last.workflowId);
                    }
                }
            }
            String id = IdempotentIds.id(r.name(), r.idempotencyKey(), chain.lastIndex + 1);
            send(id, r, def);
            return id;
        } finally {
            lock.unlock();
        }
    }

    /** The registered definition a start names; 404 naming the field when there is none. */
    WorkflowDef registered(String name, Integer version) {
        Optional<WorkflowDef> def = definitions.workflow(name, version);
        if (def.isPresent()) {
            return def.get();
        }
        boolean nameKnown = version != null && definitions.workflow(name, null).isPresent();
        String path = nameKnown ? "$.version" : "$.name";
        String problem = nameKnown
                ? "workflow " + name + " has no version " + version
                : "no workflow definition is registered under this name";
        throw new ApiException(
                HttpStatus.NOT_FOUND,
                "No such workflow found by name: " + name + ", version: " + version,
                List.of(new ApiError.FieldError(path, problem, nameKnown ? String.valueOf(version) : name)));
    }

    private void send(String id, StartRequest r, WorkflowDef def) {
        domainTopics.ensure(def, r.taskToDomain(), definitions::task, client);
        // made before the START is sent, so that the step applying it cannot be missed
        try (AppliedNotices.Watch applied = queries.watch(id, wf -> true)) {
            if (r.workflowDef() != null) {
                client.startInline(id, def, r.input(), r.correlationId(), r.taskToDomain());
            } else {
                client.start(
                        id,
                        def.name(),
                        def.versionOrDefault(),
                        r.input(),
                        r.correlationId(),
                        r.idempotencyKey(),
                        r.taskToDomain());
            }
            client.flush();
            queries.expect(id); // reads of it say "not yet" (503), never 404, until it is visible
            long deadline = System.nanoTime() + settings.getCommandWaitMs() * 1_000_000L;
            if (queries.appliedHere(id) && awaitNotice(applied, settings.getCommandWaitMs())) {
                queries.seen(id); // the stream thread of this node has stored it: readable from now on
                return;
            }
            awaitVisible(id, r, Math.max(0, (deadline - System.nanoTime()) / 1_000_000L));
        }
    }

    private static boolean awaitNotice(AppliedNotices.Watch watch, long maxMs) {
        try {
            return watch.await(maxMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reads until the new instance is visible (it is applied on another node, or this node's notice did not come). */
    private void awaitVisible(String id, StartRequest r, long maxMs) {
        boolean seen;
        try {
            seen = Waits.until(() -> queries.find(id), Optional::isPresent, maxMs)
                    .isPresent();
        } catch (ApiException e) {
            if (e.status() != HttpStatus.SERVICE_UNAVAILABLE) {
                throw e;
            }
            seen = false; // the START is in Kafka and will be applied: the id is the answer all the same
        }
        if (!seen) {
            LOG.warn(
                    "Workflow {} ({}) was sent but is not visible after {} ms",
                    id,
                    r.name(),
                    settings.getCommandWaitMs());
        }
    }

    /** The newest existing run of an idempotency chain (null if none) and its index (-1 if none). */
    private record Chain(WorkflowInstance last, int lastIndex) {}

    private Chain chain(String name, String key) {
        WorkflowInstance last = null;
        int lastIndex = -1;
        int misses = 0;
        for (int n = 0; n < MAX_CHAIN && misses < LOOKAHEAD; n++) {
            Optional<WorkflowInstance> wf = queries.find(IdempotentIds.id(name, key, n));
            if (wf.isPresent()) {
                last = wf.get();
                lastIndex = n;
                misses = 0;
            } else {
                misses++;
            }
        }
        return new Chain(last, lastIndex);
    }
}
