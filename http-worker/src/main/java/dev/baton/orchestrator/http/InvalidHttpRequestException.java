package dev.baton.orchestrator.http;

/** The task input does not describe a valid HTTP request; the message names the offending field. */
final class InvalidHttpRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidHttpRequestException(String message) {
        super(message, null, false, false);
    }
}
