package dev.baton.orchestrator.state;

/**
 * Keys of the instance store. An instance's header lives at its workflow id in
 * {@code baton-workflows}; everything else it holds lives under its id here, after a NUL: its tasks
 * ({@code T<taskId>}), their loop passes ({@code T<taskId>\0<pass>}) and its out-of-line documents
 * ({@code P<payloadId>\0<chunk>}). So one range scan, {@code [workflowId, workflowId\u0001)}, reads
 * an instance's entries and nothing of another (workflow ids never hold NUL), and RocksDB gives that
 * scan one consistent view. (Earlier versions kept a copy of the header at the id itself; such a key
 * is {@link Kind#HEADER} and ignored.)
 */
public final class StateKeys {
    static final char SEP = '\u0000';
    private static final char TASK = 'T';
    private static final char PAYLOAD = 'P';

    private StateKeys() {}

    /** True when a workflow id can key state: not blank, no NUL. */
    public static boolean valid(String workflowId) {
        return workflowId != null && !workflowId.isBlank() && workflowId.indexOf(SEP) < 0;
    }

    /** The prefix of every task, pass or payload entry of an instance. */
    public static String prefix(String workflowId) {
        return workflowId + SEP;
    }

    /** The exclusive upper end of an instance's keys: the scan {@code [workflowId, end)} reads it whole. */
    static String end(String workflowId) {
        return workflowId + '\u0001';
    }

    public static String task(String workflowId, String taskId) {
        return workflowId + SEP + TASK + taskId;
    }

    public static String pass(String workflowId, String loopTaskId, int pass) {
        return task(workflowId, loopTaskId) + SEP + pass;
    }

    public static String payloadPrefix(String workflowId, String payloadId) {
        return workflowId + SEP + PAYLOAD + payloadId + SEP;
    }

    public static String chunk(String workflowId, String payloadId, int chunk) {
        return payloadPrefix(workflowId, payloadId) + String.format("%06d", chunk);
    }

    /** What an instance-store key under an instance's prefix holds. */
    enum Kind {
        HEADER,
        TASK,
        PASS,
        CHUNK
    }

    static Kind kind(String key) {
        int first = key.indexOf(SEP);
        if (first < 0) {
            return Kind.HEADER;
        }
        char marker = key.charAt(first + 1);
        if (marker == PAYLOAD) {
            return Kind.CHUNK;
        }
        return key.indexOf(SEP, first + 2) < 0 ? Kind.TASK : Kind.PASS;
    }

    /** The task id of a task or pass key. */
    static String taskId(String key) {
        int first = key.indexOf(SEP);
        int second = key.indexOf(SEP, first + 2);
        return second < 0 ? key.substring(first + 2) : key.substring(first + 2, second);
    }

    /**
     * The path under which an out-of-line payload is offered to clients
     * ({@code externalInputPayloadStoragePath} and friends): {@code workflow/<workflowId>/<payloadId>}.
     */
    public static String payloadPath(String workflowId, String payloadId) {
        return "workflow/" + workflowId + "/" + payloadId;
    }
}
