package dev.baton.dsl;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A Conductor task definition: retry and timeout policy for one task type. Baton adds
 * {@code commandTopic} (where the task's commands go; default {@code <name>.commands}),
 * {@code payloadFormat} ({@code JSON}, the default, or {@code AVRO}: commands are then Avro in the
 * Confluent wire format, written with the latest schema of {@code commandSchemaSubject}, default
 * {@code <commandTopic>-value}), {@code commandKey} (a JSONPath into the task input whose value keys
 * the command record, e.g. {@code $.bookingId}; default: the workflow id) and {@code replyTopic}
 * (where the service replies; default: the orchestrator's shared reply topic — a per-service reply
 * topic must match {@code baton.reply-topic-pattern}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskDef(
        String name,
        String description,
        Integer retryCount,
        String retryLogic,
        Integer retryDelaySeconds,
        Integer backoffScaleFactor,
        Integer maxRetryDelaySeconds,
        Long timeoutSeconds,
        Long responseTimeoutSeconds,
        String timeoutPolicy,
        List<String> inputKeys,
        List<String> outputKeys,
        ObjectNode inputTemplate,
        Integer rateLimitPerFrequency,
        Integer rateLimitFrequencyInSeconds,
        Integer concurrentExecLimit,
        String ownerEmail,
        String commandTopic,
        String payloadFormat,
        String commandSchemaSubject,
        /* Conductor: up to this many milliseconds are added to each retry delay, spread by task id (Baton's earlier
        name, retryJitterMillis, is still read). */
        @JsonAlias("retryJitterMillis") Integer backoffJitterMs,
        /* Baton extension: JSONPath into the task input whose value keys the command record (default: the workflow id). */
        String commandKey,
        /* Baton extension: the topic the service replies on (default: the orchestrator's shared reply topic). */
        String replyTopic,
        /* Conductor: the time all attempts of the task may take together, retry delays included (0 or null: no limit). */
        Long totalTimeoutSeconds,
        /* Conductor: how long a scheduled attempt may wait for a worker to poll it (0 or null: no limit). */
        Integer pollTimeoutSeconds,
        /* Every other field of the document, kept as written ({@link Extras}). */
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public TaskDef {
        extra = Extras.copy(extra);
    }

    /** This definition with one of its unread fields set (null removes it). */
    public TaskDef withExtra(String field, JsonNode value) {
        return new TaskDef(
                name,
                description,
                retryCount,
                retryLogic,
                retryDelaySeconds,
                backoffScaleFactor,
                maxRetryDelaySeconds,
                timeoutSeconds,
                responseTimeoutSeconds,
                timeoutPolicy,
                inputKeys,
                outputKeys,
                inputTemplate,
                rateLimitPerFrequency,
                rateLimitFrequencyInSeconds,
                concurrentExecLimit,
                ownerEmail,
                commandTopic,
                payloadFormat,
                commandSchemaSubject,
                backoffJitterMs,
                commandKey,
                replyTopic,
                totalTimeoutSeconds,
                pollTimeoutSeconds,
                Extras.with(extra, field, value));
    }

    /** Conductor's defaults for a task type that has no registered definition. */
    public static TaskDef defaultsFor(String name) {
        return new TaskDef(
                name,
                null,
                3,
                RetryLogic.FIXED.name(),
                60,
                1,
                null,
                null,
                3600L,
                TimeoutPolicy.TIME_OUT_WF.name(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** A system task without a registered definition: no retries, no response timeout. */
    public static TaskDef systemDefaultsFor(String name) {
        return new TaskDef(
                name,
                null,
                0,
                RetryLogic.FIXED.name(),
                0,
                1,
                null,
                null,
                null,
                TimeoutPolicy.TIME_OUT_WF.name(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public int retryCountOrDefault() {
        return retryCount == null ? 3 : retryCount;
    }

    public int retryDelaySecondsOrDefault() {
        return retryDelaySeconds == null ? 60 : retryDelaySeconds;
    }

    public RetryLogic retryLogicOrDefault() {
        return retryLogic == null ? RetryLogic.FIXED : RetryLogic.valueOf(retryLogic);
    }

    /** The topic that carries this task type's commands. */
    public String commandTopicOrDefault() {
        return commandTopic == null || commandTopic.isBlank() ? name + ".commands" : commandTopic;
    }

    /** The registry subject whose latest schema encodes this task's commands, or null when they are JSON. */
    public String avroCommandSubject() {
        if (!PayloadFormat.AVRO.name().equalsIgnoreCase(payloadFormat)) {
            return null;
        }
        return commandSchemaSubject == null || commandSchemaSubject.isBlank()
                ? commandTopicOrDefault() + "-value"
                : commandSchemaSubject;
    }

    public String definitionKey() {
        return DefinitionKeys.task(name);
    }
}
