package dev.baton.dsl;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Conductor's task type names, as {@link TaskKind} defines them. */
public final class TaskTypes {
    public static final String SIMPLE = TaskKind.SIMPLE.typeName();

    /** Every type a Conductor workflow may declare. */
    public static final Set<String> ALL = names(true);

    /** The types this build of the engine can run; the rest are refused at validation. */
    public static final Set<String> SUPPORTED = names(false);

    private TaskTypes() {}

    private static Set<String> names(boolean unsupportedToo) {
        return Arrays.stream(TaskKind.values())
                .filter(TaskKind::isConductorType)
                .filter(k -> unsupportedToo || k.isSupported())
                .map(TaskKind::typeName)
                .collect(Collectors.toUnmodifiableSet());
    }
}
