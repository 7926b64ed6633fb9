package dev.baton.orchestrator.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.engine.Environment;
import dev.baton.engine.expr.Secrets;
import dev.baton.orchestrator.config.ProcessEnvironment;
import dev.baton.worker.TaskContext;
import dev.baton.worker.TaskHandler;
import dev.baton.worker.TaskResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conductor's HTTP system task as a {@link TaskHandler}: performs the request described by the
 * input {@code http_request} ({@code uri}, {@code method} (GET), {@code headers}, {@code body},
 * {@code contentType} and {@code accept} (application/json), {@code connectionTimeOut} and
 * {@code readTimeOut} in ms) and answers
 * {@code {"response": {"statusCode", "reasonPhrase", "headers", "body"}}}; the body is JSON when
 * the response parses as JSON, text otherwise.
 *
 * <p>Outcomes, as in Conductor: 2xx and 3xx complete the task; any other status, a timeout, a
 * connection error or an invalid request fail it (retryable as its definition says), with
 * Conductor's reason ({@link ConductorHttpReasons}) and, as Conductor's, the exception's text as the
 * output's {@code response}. Baton's own guards — a body over the limit, a redirect loop — fail it
 * with a terminal error and the response as output. Redirects are followed
 * within the same scheme only, credentials headers are dropped when the origin changes.
 * Header values are never logged. Thread-safe; the HTTP clients are shared.
 */
public final class HttpTaskHandler implements TaskHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTaskHandler.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");
    /** Time allowed beyond the call's deadline for the body to arrive before the exchange is cancelled. */
    private static final long BODY_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final HttpTaskLimits limits;
    private final Environment environment;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectReader bodyReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final ConcurrentMap<Long, HttpClient> clients = new ConcurrentHashMap<>();

    /** A handler with {@link HttpTaskLimits#DEFAULTS}. */
    public HttpTaskHandler() {
        this(HttpTaskLimits.DEFAULTS);
    }

    /** A handler with the given limits; secrets from this process ({@link ProcessEnvironment}). */
    public HttpTaskHandler(HttpTaskLimits limits) {
        this(limits, ProcessEnvironment.INSTANCE);
    }

    /** A handler with the given limits and the secrets a request may name. */
    public HttpTaskHandler(HttpTaskLimits limits, Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public HttpTaskLimits limits() {
        return limits;
    }

    @Override
    public TaskResult handle(TaskContext ctx) {
        HttpCall call;
        try {
            // as Conductor: the request carries the secrets its input names; the task's stored input keeps the
            // references
            call = HttpCall.from(Secrets.substitute(ctx.input(), environment), limits, mapper);
        } catch (InvalidHttpRequestException e) {
            LOG.debug(
                    "HTTP task {} of workflow {} has an invalid request: {}",
                    ctx.taskId(),
                    ctx.workflowId(),
                    e.getMessage());
            return invalid(e);
        }
        return execute(call);
    }

    /** A request that cannot be made: FAILED, as in Conductor (retried when its definition says so). */
    private static TaskResult invalid(InvalidHttpRequestException e) {
        return failed(
                ConductorHttpReasons.MISSING_URI.equals(e.getMessage())
                        ? e.getMessage()
                        : ConductorHttpReasons.invalid(e.getMessage()));
    }

    /**
     * A failure as Conductor's HTTP task reports one: the reason, and the exception it stands for as the output's
     * {@code response} (none for a request without a URI).
     */
    static TaskResult failed(String reason) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ConductorHttpReasons.exception(reason).ifPresent(text -> out.put("response", text));
        return TaskResult.failedWithOutput(reason, out);
    }

    /** Runs a call, following redirects within its scheme, and maps the outcome to a task result. */
    TaskResult execute(HttpCall call) {
        long started = System.nanoTime();
        long deadline = started + call.connectTimeout().plus(call.readTimeout()).toNanos();
        HttpClient client = client(call.connectTimeout());
        URI uri = call.uri();
        String method = call.method();
        byte[] body = call.body();
        boolean sendCredentials = true;
        for (int redirects = 0; ; redirects++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return failed(ConductorHttpReasons.io(method, uri, "Read timed out"));
            }
            HttpRequest request;
            try {
                request = request(call, uri, method, body, sendCredentials, Duration.ofNanos(remaining));
            } catch (InvalidHttpRequestException e) {
                return invalid(e);
            }
            HttpResponse<CappedBody> response;
            try {
                response = send(client, request, deadline, call, method);
            } catch (CallFailed e) {
                LOG.debug("HTTP {} {} failed: {}", method, HttpCall.describe(uri), e.result.reason());
                return e.result;
            }
            int status = response.statusCode();
            Optional<URI> next = REDIRECTS.contains(status) ? redirectTarget(uri, response) : Optional.empty();
            if (next.isEmpty()) {
                LOG.debug(
                        "HTTP {} {} -> {} in {} ms",
                        method,
                        HttpCall.describe(uri),
                        status,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return result(response, method, uri);
            }
            if (redirects >= limits.maxRedirects()) {
                return TaskResult.failedTerminalWithOutput(
                        "too many redirects: more than " + limits.maxRedirects() + " starting at "
                                + HttpCall.describe(call.uri()),
                        output(response));
            }
            URI target = next.get();
            if (!sameOrigin(uri, target)) {
                sendCredentials = false;
            }
            if (status == 303 && !method.equals("HEAD")
                    || (status == 301 || status == 302) && !method.equals("GET") && !method.equals("HEAD")) {
                method = "GET";
                body = null;
            }
            uri = target;
        }
    }

    private HttpRequest request(
            HttpCall call, URI uri, String method, byte[] body, boolean sendCredentials, Duration timeout)
            throws InvalidHttpRequestException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade attempts on plain connections
        }
        for (Map.Entry<String, String> h : call.headers()) {
            if (!sendCredentials && CREDENTIAL_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            setHeader(b, h.getKey(), h.getValue());
        }
        setHeader(b, "Accept", call.accept());
        if (body != null) {
            setHeader(b, "Content-Type", call.contentType());
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private static void setHeader(HttpRequest.Builder b, String name, String value) throws InvalidHttpRequestException {
        try {
            b.header(name, value);
        } catch (IllegalArgumentException e) {
            // the JDK's message may quote the value, which may be a secret
            throw new InvalidHttpRequestException(HttpCall.field("headers." + HttpCall.abbreviate(name))
                    + " cannot be sent: restricted header, or invalid name or value");
        }
    }

    private HttpResponse<CappedBody> send(
            HttpClient client, HttpRequest request, long deadline, HttpCall call, String method) throws CallFailed {
        CompletableFuture<HttpResponse<CappedBody>> future;
        URI uri = request.uri();
        try {
            future = client.sendAsync(request, CappedBody.handler(limits.maxResponseBytes()));
        } catch (IllegalArgumentException e) {
            throw new CallFailed(failed(ConductorHttpReasons.invalid(e.getMessage())));
        }
        try {
            long wait = Math.max(1, deadline - System.nanoTime()) + BODY_GRACE_NANOS;
            return future.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new CallFailed(failed(ConductorHttpReasons.io(method, uri, "Read timed out")));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CallFailed(failed(ConductorHttpReasons.io(method, uri, "interrupted")));
        } catch (ExecutionException e) {
            throw new CallFailed(failure(unwrap(e.getCause()), method, uri));
        }
    }

    /** A call that got no response, failed as Conductor's HTTP task words it (retryable). */
    private static TaskResult failure(Throwable t, String method, URI uri) {
        if (t instanceof HttpConnectTimeoutException) {
            return failed(ConductorHttpReasons.io(
                    method, uri, "Connect to " + ConductorHttpReasons.origin(uri) + " failed: Connect timed out"));
        }
        if (t instanceof HttpTimeoutException) {
            return failed(ConductorHttpReasons.io(method, uri, "Read timed out"));
        }
        if (t instanceof ConnectException) {
            // the JDK's client says no more than ClosedChannelException when the connection is refused
            String why = t.getMessage() == null || t.getMessage().isBlank() ? "Connection refused" : t.getMessage();
            return failed(ConductorHttpReasons.io(method, uri, ConductorHttpReasons.connectFailed(uri, t, why)));
        }
        if (t instanceof IllegalArgumentException) {
            return failed(ConductorHttpReasons.invalid(message(t)));
        }
        return failed(ConductorHttpReasons.io(method, uri, message(t)));
    }

    /**
     * 2xx and 3xx complete the task with the response as output; any other status fails it (retryable, as in
     * Conductor) with Conductor's reason, and the output shows the exception it names, as Conductor's does.
     */
    private TaskResult result(HttpResponse<CappedBody> response, String method, URI uri) {
        int status = response.statusCode();
        if (response.body().tooLarge()) {
            return TaskResult.failedTerminalWithOutput(
                    "response larger than " + limits.maxResponseBytes() + " bytes", output(response));
        }
        if (status >= 200 && status < 400) {
            return TaskResult.completed(output(response));
        }
        String body = new String(
                response.body().bytes(),
                HttpCall.charset(response.headers().firstValue("content-type").orElse(null)));
        return failed(ConductorHttpReasons.status(status, method, uri, body));
    }

    /** {@code {"response": {statusCode, reasonPhrase, headers, body}}}; no body when it was too large. */
    private ObjectNode output(HttpResponse<CappedBody> response) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("statusCode", response.statusCode());
        r.put("reasonPhrase", ReasonPhrases.of(response.statusCode()));
        ObjectNode headers = r.putObject("headers");
        for (Map.Entry<String, List<String>> h : response.headers().map().entrySet()) {
            if (h.getKey().startsWith(":")) {
                continue; // HTTP/2 pseudo-headers
            }
            ArrayNode values = headers.putArray(
                    response.version() == HttpClient.Version.HTTP_1_1 ? canonical(h.getKey()) : h.getKey());
            h.getValue().forEach(values::add);
        }
        CappedBody body = response.body();
        r.set(
                "body",
                body.tooLarge()
                        ? JsonNodeFactory.instance.nullNode()
                        : decode(
                                body.bytes(),
                                response.headers().firstValue("content-type").orElse(null)));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("response", r);
        return out;
    }

    /**
     * A header name as HTTP/1.1 servers usually spell it ({@code Content-Type}): the JDK's client gives names in
     * lower case, Conductor's as received. HTTP/2 names stay in lower case, as they arrive.
     */
    static String canonical(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean start = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(start ? Character.toUpperCase(c) : c);
            start = c == '-';
        }
        return b.toString();
    }

    /** The body as JSON if it parses as JSON, otherwise as text in the response's charset; null when empty. */
    private JsonNode decode(byte[] bytes, String contentType) {
        if (bytes.length == 0) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            JsonNode node = bodyReader.readTree(bytes);
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (IOException e) {
            // not JSON: text
        }
        return TextNode.valueOf(new String(bytes, HttpCall.charset(contentType)));
    }

    private static Optional<URI> redirectTarget(URI from, HttpResponse<?> response) {
        Optional<String> location = response.headers().firstValue("location");
        if (location.isEmpty() || location.get().isBlank()) {
            return Optional.empty();
        }
        URI target;
        try {
            target = from.resolve(location.get().trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (target.getScheme() == null
                || !target.getScheme().equalsIgnoreCase(from.getScheme())
                || target.getHost() == null
                || target.getRawUserInfo() != null) {
            return Optional.empty(); // never to another scheme: the 3xx response is the result
        }
        return Optional.of(target);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** One client per connect timeout, rounded up to 100 ms below 1 s and to whole seconds above. */
    private HttpClient client(Duration connectTimeout) {
        long ms = connectTimeout.toMillis();
        long step = ms <= 1000 ? 100 : 1000;
        long bucket = Math.max(step, (ms + step - 1) / step * step);
        bucket = Math.min(bucket, Math.max(limits.maxConnectTimeout().toMillis(), ms));
        return clients.computeIfAbsent(
                bucket,
                b -> HttpClient.newBuilder()
                        .connectTimeout(Duration.ofMillis(b))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build());
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        if ((m == null || m.isBlank()) && t.getCause() != null) {
            return message(t.getCause());
        }
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Carries the result of a call that did not produce a response. */
    private static final class CallFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient TaskResult result;

        CallFailed(TaskResult result) {
            super(result.reason(), null, false, false);
            this.result = result;
        }
    }
}
