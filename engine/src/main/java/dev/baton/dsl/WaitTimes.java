package dev.baton.dsl;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The times a WAIT task reads: its {@code duration} and its {@code until}. */
public final class WaitTimes {
    private static final Pattern PART = Pattern.compile(
            // longest first: "3 seconds" is 3 seconds, not 3 s and a stray "econds"
            "(\\d+)\\s*(days|day|d|hours|hour|hrs|hr|h|minutes|minute|mins|min|m|seconds|second|secs|sec|s)",
            Pattern.CASE_INSENSITIVE);

    private WaitTimes() {}

    /** A duration like "30s", "1h 30m", "2 days" or "3 seconds". */
    public static Duration duration(String text) {
        Matcher m = PART.matcher(text.trim());
        Duration total = Duration.ZERO;
        int end = 0;
        boolean any = false;
        while (m.find()) {
            if (!text.trim().substring(end, m.start()).isBlank()) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2).toLowerCase(Locale.ROOT);
            total = total.plus(
                    switch (unit.charAt(0)) {
                        case 'd' -> Duration.ofDays(n);
                        case 'h' -> Duration.ofHours(n);
                        case 'm' -> Duration.ofMinutes(n);
                        default -> Duration.ofSeconds(n);
                    });
            end = m.end();
            any = true;
        }
        if (!any || !text.trim().substring(end).isBlank()) {
            throw new IllegalArgumentException(
                    "WAIT duration '" + text + "' is not like '30s', '5m', '1h 30m' or '2 days'");
        }
        return total;
    }

    /** A date-time like "2026-12-01 09:00", "2026-12-01 09:00 UTC", "2026-12-01" or ISO-8601, as epoch millis. */
    public static long until(String text) {
        String t = text.trim();
        try {
            return ZonedDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        for (String pattern : new String[] {"yyyy-MM-dd HH:mm z", "yyyy-MM-dd HH:mm:ss z"}) {
            try {
                return ZonedDateTime.parse(t, DateTimeFormatter.ofPattern(pattern, Locale.ROOT))
                        .toInstant()
                        .toEpochMilli();
            } catch (DateTimeParseException ignored) {
                // next
            }
        }
        for (String pattern : new String[] {"yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"}) {
            try {
                return LocalDateTime.parse(t, DateTimeFormatter.ofPattern(pattern, Locale.ROOT))
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
            } catch (DateTimeParseException ignored) {
                // next
            }
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "WAIT until '" + text + "' is not a date-time like '2026-12-01 09:00 UTC'");
        }
    }
}
