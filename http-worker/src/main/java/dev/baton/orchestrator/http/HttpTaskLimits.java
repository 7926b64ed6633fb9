package dev.baton.orchestrator.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the HTTP task: timeouts used when a request names none, the largest timeouts a
 * request may ask for, the largest response body read, and how many redirects are followed.
 *
 * <p>The maxima also bound how long one command keeps a worker transaction open, see
 * {@link HttpTaskWorker}.
 *
 * @param defaultConnectTimeout connect timeout when {@code connectionTimeOut} is absent
 * @param defaultReadTimeout    read timeout when {@code readTimeOut} is absent
 * @param maxConnectTimeout     upper bound of {@code connectionTimeOut}
 * @param maxReadTimeout        upper bound of {@code readTimeOut}
 * @param maxResponseBytes      a larger response body fails the task (terminal)
 * @param maxRedirects          redirects followed (same scheme only) before the task fails
 */
public record HttpTaskLimits(
        Duration defaultConnectTimeout,
        Duration defaultReadTimeout,
        Duration maxConnectTimeout,
        Duration maxReadTimeout,
        int maxResponseBytes,
        int maxRedirects) {

    /** Connect 5 s (at most 15 s), read 30 s (at most 60 s), 1 MiB of body, 5 redirects. */
    public static final HttpTaskLimits DEFAULTS = new HttpTaskLimits(
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(15),
            Duration.ofSeconds(60),
            1024 * 1024,
            5);

    public HttpTaskLimits {
        requirePositive(defaultConnectTimeout, "defaultConnectTimeout");
        requirePositive(defaultReadTimeout, "defaultReadTimeout");
        requirePositive(maxConnectTimeout, "maxConnectTimeout");
        requirePositive(maxReadTimeout, "maxReadTimeout");
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be >= 1");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must be >= 0");
        }
    }

    /** A copy with another response body limit. */
    public HttpTaskLimits withMaxResponseBytes(int bytes) {
        return new HttpTaskLimits(
                defaultConnectTimeout, defaultReadTimeout, maxConnectTimeout, maxReadTimeout, bytes, maxRedirects);
    }

    /** A copy with other default timeouts. */
    public HttpTaskLimits withDefaultTimeouts(Duration connect, Duration read) {
        return new HttpTaskLimits(connect, read, maxConnectTimeout, maxReadTimeout, maxResponseBytes, maxRedirects);
    }

    /** The longest one call may take: the maximal connect plus read timeouts. */
    public Duration maxCallDuration() {
        return maxConnectTimeout.plus(maxReadTimeout);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
