package dev.baton.orchestrator.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the bridge on this node: what the ingest read, mapped and parked, and what the
 * bridge processor started, forwarded, buffered and expired. Nothing the bridge drops goes uncounted.
 */
@Singleton
public class BridgeMetrics {
    final LongAdder read = new LongAdder();
    final LongAdder unmatched = new LongAdder();
    final LongAdder tombstones = new LongAdder();
    final LongAdder mapped = new LongAdder();
    final LongAdder parkedUndecodable = new LongAdder();
    final LongAdder parkedNoKey = new LongAdder();
    final LongAdder parkedConditionError = new LongAdder();
    final LongAdder parkedUnexpected = new LongAdder();
    final LongAdder started = new LongAdder();
    final LongAdder repeatedStarts = new LongAdder();
    final LongAdder forwarded = new LongAdder();
    final LongAdder buffered = new LongAdder();
    final LongAdder released = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder bound = new LongAdder();
    final LongAdder unbound = new LongAdder();

    /** Records read from bound topics. */
    public long read() {
        return read.sum();
    }
    /** Records no binding's condition matched (not relevant to any workflow). */
    public long unmatched() {
        return unmatched.sum();
    }
    /** Records without a value (tombstones), skipped. */
    public long tombstones() {
        return tombstones.sum();
    }
    /** Bridge records written for (record, binding) matches. */
    public long mapped() {
        return mapped.sum();
    }
    /** Parked by the ingest: payload not decodable. */
    public long parkedUndecodable() {
        return parkedUndecodable.sum();
    }
    /** Parked by the ingest: no business key in the event. */
    public long parkedNoKey() {
        return parkedNoKey.sum();
    }
    /** Parked by the ingest: the condition threw. */
    public long parkedConditionError() {
        return parkedConditionError.sum();
    }
    /** Parked by the ingest: mapping failed unexpectedly (a bug; the event is kept). */
    public long parkedUnexpected() {
        return parkedUnexpected.sum();
    }
    /** Instances started by events. */
    public long started() {
        return started.sum();
    }
    /** Start events for a business key that already has an instance (recorded in it, ignored). */
    public long repeatedStarts() {
        return repeatedStarts.sum();
    }
    /** Events forwarded to their instance. */
    public long forwarded() {
        return forwarded.sum();
    }
    /** Events that arrived before their instance existed. */
    public long buffered() {
        return buffered.sum();
    }
    /** Buffered events released to their instance once it existed. */
    public long released() {
        return released.sum();
    }
    /** Buffered events parked because no instance came within the TTL. */
    public long expired() {
        return expired.sum();
    }
    /** Business keys bound to an instance by the orchestrator (an instance with a correlation id started). */
    public long bound() {
        return bound.sum();
    }
    /** Business keys unbound (their instance was removed). */
    public long unbound() {
        return unbound.sum();
    }
    /** Every event parked, for whatever reason. */
    public long parked() {
        return parkedUndecodable() + parkedNoKey() + parkedConditionError() + parkedUnexpected() + expired();
    }

    /** All counters as JSON (for the API). */
    public ObjectNode toJson() {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("read", read())
                .put("unmatched", unmatched())
                .put("tombstones", tombstones())
                .put("mapped", mapped())
                .put("parkedUndecodable", parkedUndecodable())
                .put("parkedNoKey", parkedNoKey())
                .put("parkedConditionError", parkedConditionError())
                .put("parkedUnexpected", parkedUnexpected())
                .put("started", started())
                .put("repeatedStarts", repeatedStarts())
                .put("forwarded", forwarded())
                .put("buffered", buffered())
                .put("released", released())
                .put("expired", expired())
                .put("bound", bound())
                .put("unbound", unbound())
                .put("parked", parked());
        return n;
    }
}
