package dev.baton.protocol.json;

/**
 * Thrown when a value cannot be converted between Avro and plain JSON. The message names the
 * JSON path of the offending value (for example {@code $.tasks[0].attempt}) and what is wrong
 * there; it does not copy field values into the message.
 */
public class AvroJsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param path JSON path of the offending value, {@code $} for the document itself
     * @param message what is wrong there
     */
    public AvroJsonException(String path, String message) {
        this(path, message, null);
    }

    /**
     * @param path JSON path of the offending value, {@code $} for the document itself
     * @param message what is wrong there
     * @param cause underlying failure, may be null
     */
    public AvroJsonException(String path, String message, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
    }

    /** JSON path of the offending value, e.g. {@code $.tasks[0].attempt}. */
    public String path() {
        return path;
    }
}
