package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An API call that failed: the HTTP status with Conductor's error body ({@code status, code,
 * message, validationErrors[{path, message}]}), or a transport problem (status 0). Exit code 1.
 */
final class ApiFailure extends RuntimeException {
    private static final int MAX_BODY_ECHO = 300;

    private final int status;
    private final String code;
    private final List<String> fieldErrors;

    ApiFailure(int status, String code, String message, List<String> fieldErrors) {
        super(message);
        this.status = status;
        this.code = code;
        this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
    }

    /** The server could not be reached or did not answer. */
    static ApiFailure transport(String message) {
        return new ApiFailure(0, null, message, null);
    }

    /** A non-2xx response; reads Conductor's error body when there is one. */
    static ApiFailure fromResponse(int status, String body) {
        JsonNode err = null;
        if (body != null && !body.isBlank()) {
            try {
                err = Json.MAPPER.readTree(body);
            } catch (Exception e) {
                err = null;
            }
        }
        if (err == null || !err.isObject()) {
            String text = body == null || body.isBlank() ? "(no message)" : abbreviate(body.strip());
            return new ApiFailure(status, null, text, null);
        }
        String code = Json.text(err, "code");
        String message = Json.text(err, "message");
        if (message == null) {
            message = Json.text(err, "error");
        }
        List<String> fields = new ArrayList<>();
        for (JsonNode v : err.path("validationErrors")) {
            String path = Json.text(v, "path");
            String msg = Json.text(v, "message");
            String invalid = Json.text(v, "invalidValue");
            fields.add((path == null ? "" : path + ": ")
                    + (msg == null ? "" : msg)
                    + (invalid == null ? "" : " (value: " + invalid + ")"));
        }
        return new ApiFailure(status, code, message == null ? "(no message)" : message, fields);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    List<String> fieldErrors() {
        return fieldErrors;
    }

    /** {@code error: 404 NOT_FOUND: message}, then one indented line per field at fault. */
    void print(PrintWriter err) {
        StringBuilder line = new StringBuilder("error: ");
        if (status > 0) {
            line.append(status).append(' ');
            if (code != null) {
                line.append(code).append(' ');
            }
            line.setLength(line.length() - 1);
            line.append(": ");
        }
        line.append(getMessage());
        err.println(line);
        fieldErrors.forEach(f -> err.println("  " + f));
        err.flush();
    }

    static String abbreviate(String s) {
        return s.length() <= MAX_BODY_ECHO ? s : s.substring(0, MAX_BODY_ECHO) + "...";
    }
}
