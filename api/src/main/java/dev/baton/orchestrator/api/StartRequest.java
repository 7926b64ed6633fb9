package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.WorkflowDef;
import dev.baton.orchestrator.error.ApiError;
import dev.baton.orchestrator.error.ApiException;
import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Conductor's StartWorkflowRequest, read strictly from a request body.
 *
 * @param name                workflow name (from {@code workflowDef} when only that is given)
 * @param version             definition version; null means the latest
 * @param workflowDef         an inline definition to run instead of a registered one, or null
 * @param idempotencyKey      when set, at most one workflow per (name, key) — see {@link IdempotencyStrategy}
 */
record StartRequest(
        String name,
        Integer version,
        String correlationId,
        ObjectNode input,
        Map<String, String> taskToDomain,
        WorkflowDef workflowDef,
        Integer priority,
        String idempotencyKey,
        IdempotencyStrategy idempotencyStrategy,
        String createdBy) {

    /** What a start with an idempotency key that was used before does (Conductor's names). */
    enum IdempotencyStrategy {
        /** Refuse (409) when a workflow was started with this key. */
        FAIL,
        /** Return the id of the workflow started with this key. */
        RETURN_EXISTING,
        /** Refuse (409) only while the last workflow started with this key is RUNNING or PAUSED. */
        FAIL_ON_RUNNING
    }

    private static final String AT = "$";

    /** Reads a StartWorkflowRequest body; every problem is a 400 naming the field. */
    static StartRequest parse(ObjectNode body) {
        String name = JsonBodies.text(body, "name", AT);
        Integer version = JsonBodies.integer(body, "version", AT, 1, Integer.MAX_VALUE);
        String correlationId = JsonBodies.text(body, "correlationId", AT);
        if (body.has("input") && body.get("input").isNull()) {
            // as Conductor: a missing input starts with {}, an explicit null is refused
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "NULL input passed when starting workflow",
                    List.of(new ApiError.FieldError("$.input", "NULL input passed when starting workflow", null)));
        }
        ObjectNode input = JsonBodies.optionalObject(body, "input", AT);
        Map<String, String> taskToDomain = JsonBodies.stringMap(body, "taskToDomain", AT);
        DomainNames.check(taskToDomain, "$.taskToDomain");
        WorkflowDef def = null;
        if (body.hasNonNull("workflowDef")) {
            def = DefinitionBodies.workflow(body.get("workflowDef"), "$.workflowDef");
            if (name == null || name.isBlank()) {
                name = def.name();
            } else if (!name.equals(def.name())) {
                throw ApiException.badField("$.name", "does not match workflowDef.name '" + def.name() + "'", name);
            }
            if (version != null && version != def.versionOrDefault()) {
                throw ApiException.badField(
                        "$.version", "does not match workflowDef.version " + def.versionOrDefault(), version);
            }
        }
        if (name == null || name.isBlank()) {
            throw ApiException.badField("$.name", "workflow name is required", name);
        }
        if (JsonBodies.text(body, "externalInputPayloadStoragePath", AT) != null) {
            throw ApiException.badField(
                    "$.externalInputPayloadStoragePath",
                    "external payload storage is not supported; send the input inline",
                    null);
        }
        Integer priority = JsonBodies.integer(body, "priority", AT, 0, 99);
        String key = JsonBodies.text(body, "idempotencyKey", AT);
        String strategyText = JsonBodies.text(body, "idempotencyStrategy", AT);
        IdempotencyStrategy strategy = strategyText == null ? IdempotencyStrategy.FAIL : strategy(strategyText);
        return new StartRequest(
                name,
                version,
                correlationId,
                input == null ? body.objectNode() : input,
                taskToDomain,
                def,
                priority,
                key == null || key.isEmpty() ? null : key,
                strategy,
                JsonBodies.text(body, "createdBy", AT));
    }

    private static IdempotencyStrategy strategy(String text) {
        try {
            return IdempotencyStrategy.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(
                    "$.idempotencyStrategy", "expected FAIL, RETURN_EXISTING or FAIL_ON_RUNNING", text);
        }
    }

    /** The same request with the name and version a URL gives (synchronous execution). */
    StartRequest withNameAndVersion(String n, Integer v) {
        return new StartRequest(
                n,
                v,
                correlationId,
                input,
                taskToDomain,
                workflowDef,
                priority,
                idempotencyKey,
                idempotencyStrategy,
                createdBy);
    }
}
