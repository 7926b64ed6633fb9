package dev.baton.engine.process;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
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

/**
 * WAIT: stays IN_PROGRESS for {@code duration} (e.g. "30s", "1h 5m", "2 days"), until
 * {@code until} (e.g. "2026-12-01 09:00", "2026-12-01 09:00 UTC", ISO-8601), or — with neither —
 * until a signal completes it.
 */
final class Waits {
    static final String TIMER = "wait/";
    private static final Pattern PART = Pattern.compile(
            // longest first: "3 seconds" is 3 seconds, not 3 s and a stray "econds"
            "(\\d+)\\s*(days|day|d|hours|hour|hrs|hr|h|minutes|minute|mins|min|m|seconds|second|secs|sec|s)",
            Pattern.CASE_INSENSITIVE);

    private Waits() {}

    static void start(Step s, TaskState t) {
        SystemTasks.inProgress(s, t);
        String duration = SystemTasks.text(t.inputData, "duration");
        String until = SystemTasks.text(t.inputData, "until");
        try {
            if (duration != null && !duration.isBlank()) {
                s.setTimer(TIMER + t.taskId, s.now + parseDuration(duration).toMillis());
            } else if (until != null && !until.isBlank()) {
                s.setTimer(TIMER + t.taskId, Math.max(s.now, parseUntil(until)));
            }
        } catch (IllegalArgumentException e) {
            Decider.finishTask(s, t, TaskStatus.FAILED_WITH_TERMINAL_ERROR, null, e.getMessage());
        }
    }

    /** The wait is over. */
    static void timerFired(Step s, TaskState t) {
        if (t.status == TaskStatus.IN_PROGRESS) {
            Decider.finishTask(s, t, TaskStatus.COMPLETED, t.outputData, null);
        }
    }

    static Duration parseDuration(String text) {
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

    static long parseUntil(String text) {
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
