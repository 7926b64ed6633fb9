package dev.baton.orchestrator.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.DefinitionValidator;
import dev.baton.dsl.EventSource;
import dev.baton.dsl.ValidationError;
import dev.baton.orchestrator.error.ApiError;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.kafka.Topics;
import io.micronaut.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stand-alone event-source resources: validated, stored on the definitions topic under
 * {@code eventsource:<name>} (a tombstone deletes one), read back from the {@link BridgeDefinitions}.
 * A write returns once they have read it, so the ingest and the next read see it.
 */
public final class EventSourceResources implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final KafkaProducer<String, byte[]> producer;
    private final BridgeDefinitions mirror;

    public EventSourceResources(Map<String, Object> clientProperties, BridgeDefinitions mirror) {
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.mirror = mirror;
    }

    /** Reads and validates a resource document; a 400 names every field at fault. */
    public static EventSource parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badField("$", "an event source document is required", null);
        }
        EventSource s;
        try {
            s = DefinitionEntries.JSON.readValue(body, EventSource.class);
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder("$");
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append('.').append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            throw ApiException.badField(path.toString(), e.getOriginalMessage(), null);
        } catch (JsonProcessingException e) {
            throw ApiException.badField("$", "not valid JSON: " + e.getOriginalMessage(), null);
        }
        List<ValidationError> errors = DefinitionValidator.validate(s);
        if (!errors.isEmpty()) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid event source: "
                            + String.join(
                                    "; ",
                                    errors.stream()
                                            .map(ValidationError::toString)
                                            .toList()),
                    errors.stream()
                            .map(e -> new ApiError.FieldError(e.path(), e.message(), null))
                            .toList());
        }
        return s;
    }

    /** Stores a new resource; 409 when one of that name exists. */
    public EventSource create(EventSource s) {
        mirror.awaitCurrent(WAIT);
        if (mirror.resource(s.name()).isPresent()) {
            throw ApiException.conflict("event source '" + s.name() + "' already exists");
        }
        return write(s);
    }

    /** Stores a resource, replacing the one of that name if any. */
    public EventSource put(EventSource s) {
        return write(s);
    }

    public List<EventSource> all() {
        mirror.awaitCurrent(WAIT);
        return List.copyOf(mirror.resources().values());
    }

    public Optional<EventSource> get(String name) {
        mirror.awaitCurrent(WAIT);
        return mirror.resource(name);
    }

    /** Deletes a resource; 404 when there is none of that name. */
    public void delete(String name) {
        mirror.awaitCurrent(WAIT);
        if (mirror.resource(name).isEmpty()) {
            throw ApiException.notFound("no event source '" + name + "'");
        }
        mirror.awaitOffset(send(EventSourceKeys.key(name), null), WAIT);
    }

    private EventSource write(EventSource s) {
        byte[] json = DefinitionParser.toJson(s).getBytes(StandardCharsets.UTF_8);
        mirror.awaitOffset(send(EventSourceKeys.key(s.name()), json), WAIT);
        return s;
    }

    private long send(String key, byte[] value) {
        try {
            RecordMetadata m = producer.send(new ProducerRecord<>(Topics.DEFINITIONS, key, value))
                    .get();
            return m.offset();
        } catch (ExecutionException e) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "cannot write to " + Topics.DEFINITIONS + ": "
                            + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
