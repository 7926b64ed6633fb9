package dev.baton.kafka.embedded;

/** Thrown when the embedded cluster cannot format its storage, start, or stop a node. */
public class EmbeddedKafkaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddedKafkaException(String message) {
        super(message);
    }

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
