package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.WorkflowDef;

/**
 * Conductor's audit fields on a definition being registered, set as Conductor's metadata service sets them: a task
 * definition registered gets {@code createTime} and {@code createdBy} (and loses {@code updateTime} and
 * {@code updatedBy}); one updated gets {@code updateTime} and {@code updatedBy} and keeps the creation fields of the one
 * it replaces. A workflow definition registered gets {@code createTime}; one updated (PUT) gets {@code updateTime}
 * and keeps whatever else the document says. Baton has no client application name: the "by" fields are empty.
 */
final class DefinitionAudit {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String CREATE_TIME = "createTime";
    private static final String UPDATE_TIME = "updateTime";
    private static final String CREATED_BY = "createdBy";
    private static final String UPDATED_BY = "updatedBy";
    private static final String NOBODY = "";

    private DefinitionAudit() {}

    static TaskDef created(TaskDef def, long now) {
        return def.withExtra(CREATE_TIME, NODES.numberNode(now))
                .withExtra(CREATED_BY, NODES.textNode(NOBODY))
                .withExtra(UPDATE_TIME, null)
                .withExtra(UPDATED_BY, null);
    }

    static TaskDef updated(TaskDef def, TaskDef existing, long now) {
        return def.withExtra(UPDATE_TIME, NODES.numberNode(now))
                .withExtra(UPDATED_BY, NODES.textNode(NOBODY))
                .withExtra(CREATE_TIME, existing.extra().get(CREATE_TIME))
                .withExtra(CREATED_BY, existing.extra().get(CREATED_BY));
    }

    static WorkflowDef created(WorkflowDef def, long now) {
        return def.withExtra(CREATE_TIME, NODES.numberNode(now));
    }

    static WorkflowDef updated(WorkflowDef def, long now) {
        return def.withExtra(UPDATE_TIME, NODES.numberNode(now));
    }
}
