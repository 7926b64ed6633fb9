package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.ApiException;
import java.util.Locale;

/** Query and path parameters read strictly: a value that does not parse is a 400 naming the parameter. */
final class QueryParams {
    private QueryParams() {}

    /** An optional whole number within bounds (null when absent or empty). */
    static Integer optionalInt(String name, String value, int min, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badField(name, "expected a whole number between " + min + " and " + max, value);
        }
        if (n < min || n > max) {
            throw ApiException.badField(name, "must be between " + min + " and " + max, value);
        }
        return (int) n;
    }

    /** A whole number within bounds, or the default when absent. */
    static int intOr(String name, String value, int dflt, int min, int max) {
        Integer n = optionalInt(name, value, min, max);
        return n == null ? dflt : n;
    }

    /** A required whole number within bounds (path segments). */
    static int requiredInt(String name, String value, int min, int max) {
        Integer n = optionalInt(name, value, min, max);
        if (n == null) {
            throw ApiException.badField(name, "is required", null);
        }
        return n;
    }

    /** An optional epoch-millisecond (or other long) value. */
    static Long optionalLong(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badField(name, "expected a whole number (epoch milliseconds)", value);
        }
    }

    /** {@code true} or {@code false} (any case), or the default when absent. */
    static boolean bool(String name, String value, boolean dflt) {
        if (value == null || value.isEmpty()) {
            return dflt;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badField(name, "expected true or false", value);
        };
    }

    /** A required, non-blank text parameter. */
    static String requiredText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badField(name, "is required", value);
        }
        return value;
    }
}
