package dev.baton.orchestrator.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Workflow ids derived from an idempotency key: the n-th run for (workflow name, key) has the id
 * {@code UUID.nameUUIDFromBytes(name, key, n)}. Since Baton never starts a second instance under
 * an existing id, the same request can never start two workflows, on any node.
 */
final class IdempotentIds {
    private IdempotentIds() {}

    static String id(String workflowName, String key, int n) {
        String seed = "baton-idempotency\u0000" + workflowName + "\u0000" + key + "\u0000" + n;
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
