package dev.baton.orchestrator.state;

/**
 * Keys of the state stores. An instance's header is keyed by its workflow id; its tasks, loop
 * passes and out-of-line payloads by the workflow id, a NUL and what they are, so that one prefix
 * scan finds all of an instance's entries and nothing of another's (workflow ids never hold NUL).
 */
public final class StateKeys {
    static final char SEP = '\u0000';

    private StateKeys() {
    }

    /** True when a workflow id can key state: not blank, no NUL. */
    public static boolean valid(String workflowId) {
        return workflowId != null && !workflowId.isBlank() && workflowId.indexOf(SEP) < 0;
    }

    /** The prefix of every task, pass or payload entry of an instance. */
    public static String prefix(String workflowId) {
        return workflowId + SEP;
    }

    public static String task(String workflowId, String taskId) {
        return workflowId + SEP + taskId;
    }

    public static String pass(String workflowId, String loopTaskId, int pass) {
        return workflowId + SEP + loopTaskId + SEP + pass;
    }

    public static String payloadPrefix(String workflowId, String payloadId) {
        return workflowId + SEP + payloadId + SEP;
    }

    public static String chunk(String workflowId, String payloadId, int chunk) {
        return payloadPrefix(workflowId, payloadId) + String.format("%06d", chunk);
    }

    /** The parts of a task-store key after the workflow id: [taskId] or [taskId, pass]. */
    static String[] taskKeyParts(String key) {
        int first = key.indexOf(SEP);
        String rest = key.substring(first + 1);
        int second = rest.indexOf(SEP);
        return second < 0 ? new String[] {rest} : new String[] {rest.substring(0, second), rest.substring(second + 1)};
    }

    /**
     * The path under which an out-of-line payload is offered to clients
     * ({@code externalInputPayloadStoragePath} and friends): {@code workflow/<workflowId>/<payloadId>}.
     */
    public static String payloadPath(String workflowId, String payloadId) {
        return "workflow/" + workflowId + "/" + payloadId;
    }
}
