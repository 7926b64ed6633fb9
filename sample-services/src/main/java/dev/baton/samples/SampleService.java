package dev.baton.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.TaskContext;
import dev.baton.worker.TaskHandler;
import dev.baton.worker.TaskResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Base of the flight-booking sample services: records each delivery in the {@link Ledger},
 * applies the {@link FaultPolicy} (latency, then injected failure) and otherwise computes the
 * output from the input. Outputs are derived deterministically from the input, so a repeated
 * command gives the same identifiers (as an idempotent real service would).
 */
public abstract class SampleService implements TaskHandler {

    /** Input the service cannot accept; becomes a FAILED_WITH_TERMINAL_ERROR reply. */
    protected static final class InvalidInputException extends Exception {
        public InvalidInputException(String message) {
            super(message);
        }
    }

    private final String taskType;
    private final Ledger ledger;
    private final FaultPolicy faults;

    protected SampleService(String taskType, Ledger ledger, FaultPolicy faults) {
        this.taskType = Objects.requireNonNull(taskType);
        this.ledger = Objects.requireNonNull(ledger);
        this.faults = Objects.requireNonNull(faults);
    }

    /** The task type served. */
    public String taskType() {
        return taskType;
    }

    public FaultPolicy faults() {
        return faults;
    }

    @Override
    public final TaskResult handle(TaskContext ctx) throws Exception {
        ledger.record(taskType, ctx);
        faults.delay();
        if (faults.shouldFail(taskType, ctx)) {
            return TaskResult.failed("injected failure in " + taskType + " (attempt " + ctx.attempt() + ")");
        }
        try {
            return TaskResult.completed(perform(ctx, ctx.input()));
        } catch (InvalidInputException e) {
            return TaskResult.failedTerminal(e.getMessage());
        }
    }

    /** Computes the task output. */
    protected abstract ObjectNode perform(TaskContext ctx, ObjectNode input) throws InvalidInputException;

    protected static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A text field, or the fallback when absent or null. */
    protected static String text(ObjectNode input, String field, String fallback) {
        JsonNode n = input.get(field);
        return n == null || n.isNull() || n.isMissingNode() ? fallback : n.isTextual() ? n.textValue() : n.toString();
    }

    /** A required text field. */
    protected static String requireText(ObjectNode input, String field) throws InvalidInputException {
        String v = text(input, field, null);
        if (v == null || v.isBlank()) {
            throw new InvalidInputException(field + " is required");
        }
        return v;
    }

    /** The booking id, or the workflow id when the input names none. */
    protected static String bookingId(TaskContext ctx, ObjectNode input) {
        return text(input, "bookingId", ctx.workflowId());
    }

    /** Passenger name: a string, or an object's {@code name} (or first + last name). */
    protected static String passengerName(ObjectNode input) {
        JsonNode p = input.get("passenger");
        if (p == null || p.isNull()) {
            return "unknown passenger";
        }
        if (p.isObject()) {
            if (p.hasNonNull("name")) {
                return p.get("name").asText();
            }
            String first = p.path("firstName").asText("");
            String last = p.path("lastName").asText("");
            String full = (first + " " + last).trim();
            return full.isEmpty() ? "unknown passenger" : full;
        }
        return p.asText();
    }

    /** A required positive amount (number or numeric string). */
    protected static BigDecimal requireAmount(ObjectNode input) throws InvalidInputException {
        JsonNode n = input.get("amount");
        if (n == null || n.isNull()) {
            throw new InvalidInputException("amount is required");
        }
        BigDecimal amount;
        try {
            amount = n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("amount is not a number: " + n.asText());
        }
        if (amount.signum() <= 0) {
            throw new InvalidInputException("amount must be positive: " + amount.toPlainString());
        }
        return amount;
    }

    /** Stable hex digest of the parts, for deterministic identifiers. */
    protected static String digest(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                md.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stable identifier: prefix + 10 upper-case hex characters derived from the parts. */
    protected static String id(String prefix, String... parts) {
        return prefix + digest(parts).substring(0, 10).toUpperCase();
    }
}
