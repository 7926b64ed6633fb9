package dev.baton.engine;

/** An input that makes no sense for the instance as it is (for example, pausing a finished workflow). Nothing changed. */
public final class RejectedInputException extends RuntimeException {
    public RejectedInputException(String message) {
        super(message);
    }
}
