package dev.baton.dsl;

/** One problem in a definition: where it is (a JSON path such as {@code $.tasks[2].type}) and what is wrong. */
public record ValidationError(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
