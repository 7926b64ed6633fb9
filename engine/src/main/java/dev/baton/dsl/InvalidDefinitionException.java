package dev.baton.dsl;

import java.util.List;
import java.util.stream.Collectors;

/** A definition that was refused whole, with every problem found. */
public final class InvalidDefinitionException extends RuntimeException {
    private final transient List<ValidationError> errors;

    public InvalidDefinitionException(List<ValidationError> errors) {
        super("invalid definition: "
                + errors.stream().map(ValidationError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
