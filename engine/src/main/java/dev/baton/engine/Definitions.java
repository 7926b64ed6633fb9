package dev.baton.engine;

import dev.baton.dsl.TaskDef;
import dev.baton.dsl.WorkflowDef;
import java.util.Optional;

/** Read access to registered definitions; the runtime backs it with the definitions store. */
public interface Definitions {
    /** A workflow definition; {@code version == null} means the latest. */
    Optional<WorkflowDef> workflow(String name, Integer version);

    Optional<TaskDef> task(String name);
}
