package dev.baton.orchestrator.runtime;

/**
 * Keys of the timer store: {@code <due millis, 13 digits>|<timer id>|<workflow id>}. RocksDB keeps
 * them in due order, so the punctuator reads due timers with one range scan.
 */
public final class TimerKeys {
    private TimerKeys() {}

    public static String key(long dueAt, String timerId, String workflowId) {
        return padded(dueAt)
                .append('|')
                .append(timerId)
                .append('|')
                .append(workflowId)
                .toString();
    }

    /** The first key after every timer due at or before {@code now}. */
    public static String upperBound(long now) {
        return padded(now).append('}').toString();
    }

    /** The due time as 13 digits, zero-padded (String.format is too slow for the per-step path). */
    private static StringBuilder padded(long millis) {
        String digits = Long.toString(millis);
        StringBuilder sb = new StringBuilder(64);
        for (int i = digits.length(); i < 13; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }

    public static String lowerBound() {
        return "0000000000000";
    }

    /** The first key of every timer due at or after {@code dueAt}. */
    public static String lowerBound(long dueAt) {
        return padded(Math.max(0, dueAt)).toString();
    }

    /** The first key after every timer there can be. */
    public static String end() {
        return "9999999999999}";
    }

    /** The due time a key holds. */
    public static long dueAt(String key) {
        return Long.parseLong(key, 0, 13, 10);
    }

    public static String timerId(String key) {
        int a = key.indexOf('|');
        int b = key.indexOf('|', a + 1);
        return key.substring(a + 1, b);
    }

    public static String workflowId(String key) {
        int a = key.indexOf('|');
        int b = key.indexOf('|', a + 1);
        return key.substring(b + 1);
    }
}
