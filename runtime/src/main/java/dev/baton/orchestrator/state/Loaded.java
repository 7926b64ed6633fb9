package dev.baton.orchestrator.state;

import dev.baton.engine.model.WorkflowInstance;
import dev.baton.state.PayloadRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An instance as the processor holds it between steps, with what it last wrote: enough to write
 * next time only what changed.
 */
final class Loaded {
    final WorkflowInstance wf;
    /** The header as stored: the cached instance is current while the store holds these same bytes. */
    byte[] headerBytes;

    long writes;
    /** Each task's record as last written, by task id. */
    final Map<String, byte[]> taskBytes = new HashMap<>();
    /**
     * The tasks kept in the header rather than as entries of their own, oldest first (their records
     * are in {@link #taskBytes} too).
     */
    final LinkedHashSet<String> inline = new LinkedHashSet<>();
    /** The write count stamped on each task's record. */
    final Map<String, Long> taskStamps = new HashMap<>();
    /** The passes stored for each loop task, by task id. */
    final Map<String, Set<Integer>> passes = new HashMap<>();
    /** Ids of the tasks that were not settled when last written (a step may change these). */
    Set<String> openIds = new HashSet<>();
    /** How many tasks the list held when last written (a step appends after them). */
    int taskCount;
    /** Per record key: the documents stored out of line, by identity, and their references. */
    final Map<String, IdentityHashMap<Object, PayloadRef>> refs = new HashMap<>();
    /** Approximate bytes held, for the cache's bound. */
    long weight;

    Loaded(WorkflowInstance wf) {
        this.wf = wf;
    }

    IdentityHashMap<Object, PayloadRef> refs(String owner) {
        // most records hold one or two documents out of line, if any: the default (32) takes 272 bytes
        return refs.computeIfAbsent(owner, k -> new IdentityHashMap<>(4));
    }

    /** The reference of a document stored out of line under any record, or null. */
    PayloadRef anyRef(Object document) {
        for (IdentityHashMap<Object, PayloadRef> m : refs.values()) {
            PayloadRef r = m.get(document);
            if (r != null) {
                return r;
            }
        }
        return null;
    }
}
