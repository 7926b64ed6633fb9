package dev.baton.orchestrator.runtime;

import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.state.InstanceReader;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A check for tests (system property {@code baton.verify-state=true}): after every step, the
 * instance read back from the stores must equal the one in memory. It catches a change a step made
 * but did not store — which would be lost on the next load.
 */
final class StateCheck {
    private final InstanceReader reader;

    StateCheck(KeyValueStore<String, byte[]> workflows, KeyValueStore<String, byte[]> instances) {
        this.reader = new InstanceReader(workflows, instances);
    }

    static boolean enabled() {
        return Boolean.getBoolean("baton.verify-state");
    }

    void verify(WorkflowInstance inMemory) {
        WorkflowInstance stored = reader.find(inMemory.workflowId);
        String expected = new String(InstanceCodec.encode(inMemory));
        String actual = stored == null ? "null" : new String(InstanceCodec.encode(stored));
        if (!expected.equals(actual)) {
            throw new IllegalStateException(
                    "stored instance differs from the one in memory:\nmemory: " + expected + "\nstored: " + actual);
        }
    }
}
