package dev.baton.cli;

/** A command line that cannot be carried out as given (bad option value, unreadable file). Exit code 2. */
final class UsageFailure extends RuntimeException {
    UsageFailure(String message) {
        super(message);
    }
}
