package dev.baton.orchestrator.api.views;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as Conductor's summaries write them: ISO-8601 in UTC with milliseconds; none for 0. */
final class TimeText {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private TimeText() {}

    static String iso(long epochMillis) {
        return epochMillis <= 0 ? null : ISO.format(Instant.ofEpochMilli(epochMillis));
    }
}
