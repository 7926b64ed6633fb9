package dev.baton.orchestrator.http;

import java.net.URI;
import java.nio.channels.UnresolvedAddressException;

/**
 * The reasons Conductor's HTTP task gives when it fails (checked against Conductor 3.32.1), so that
 * a failed HTTP task reads the same: {@code Failed to invoke HTTP task due to: java.lang.Exception:
 * 404 Not Found on GET request for "http://host/path": "<body>"} (or {@code [no body]}), {@code ...
 * I/O error on GET request for "...": Connect to http://host:port failed: Connection refused}, and
 * Conductor's words for a request without a URI. Unlike Conductor's, the URI is given without its
 * query string and user info, which may carry secrets.
 */
final class ConductorHttpReasons {
    static final String MISSING_URI = "Missing HTTP URI.  See documentation for HttpTask for required input parameters";
    private static final String PREFIX = "Failed to invoke HTTP task due to: ";
    static final int MAX_BODY = 500;

    private ConductorHttpReasons() {}

    /**
     * A response outside 2xx/3xx: its status, and its body as text (newlines shown as {@code <EOL>}),
     * cut at {@link #MAX_BODY} characters — the reason travels in a reply header and task views show
     * 500 characters of it anyway.
     */
    static String status(int status, String method, URI uri, String body) {
        String text = body == null || body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY);
        String bodyPart = text == null || text.isEmpty()
                ? "[no body]"
                : "\"" + text.replace("\r", "<EOL>").replace("\n", "<EOL>") + "\"";
        return PREFIX + "java.lang.Exception: " + status + " " + ReasonPhrases.of(status) + " on " + method
                + " request for \"" + HttpCall.describe(uri) + "\": " + bodyPart;
    }

    /** The call got no response: the connection failed or no answer came in time. */
    static String io(String method, URI uri, String detail) {
        return PREFIX + "java.lang.Exception: I/O error on " + method + " request for \"" + HttpCall.describe(uri)
                + "\": " + detail;
    }

    /** Why connecting failed, in the words of Conductor's HTTP client. */
    static String connectFailed(URI uri, Throwable t, String message) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return uri.getHost() + ": Name or service not known";
            }
        }
        return "Connect to " + origin(uri) + " failed: " + message;
    }

    /** A request that cannot be made as given. */
    static String invalid(String message) {
        return PREFIX + "java.lang.IllegalArgumentException: " + message;
    }

    /** The exception a reason names ({@code java.lang.Exception: ...}), which Conductor's task also shows as its output. */
    static java.util.Optional<String> exception(String reason) {
        return reason != null && reason.startsWith(PREFIX)
                ? java.util.Optional.of(reason.substring(PREFIX.length()))
                : java.util.Optional.empty();
    }

    static String origin(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getScheme() + "://" + uri.getHost() + ":" + port;
    }
}
