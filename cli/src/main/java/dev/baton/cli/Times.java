package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as the CLI prints them: ISO-8601 instants in UTC, "-" for none. */
final class Times {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    /** Epoch milliseconds as an ISO instant with milliseconds (fixed width); 0 or less prints as "-". */
    static String format(long epochMillis) {
        return epochMillis <= 0 ? "-" : ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * A time field that may be epoch milliseconds (a number or numeric text, as in Conductor's
     * Workflow and WorkflowSummary) or already formatted text, printed as-is.
     */
    static String field(JsonNode node, String name) {
        JsonNode v = node == null ? null : node.get(name);
        if (v == null || v.isNull()) {
            return "-";
        }
        if (v.isNumber()) {
            return format(v.asLong());
        }
        String text = v.asText().trim();
        if (text.isEmpty()) {
            return "-";
        }
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return format(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }
}
