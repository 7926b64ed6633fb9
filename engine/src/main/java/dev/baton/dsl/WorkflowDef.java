package dev.baton.dsl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Conductor workflow definition (schemaVersion 2), as users write it in JSON or YAML.
 * Unknown fields are tolerated so that Conductor documents load unchanged.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowDef(
        String name,
        String description,
        Integer version,
        List<WorkflowTask> tasks,
        List<String> inputParameters,
        ObjectNode outputParameters,
        ObjectNode inputTemplate,
        ObjectNode variables,
        String failureWorkflow,
        Integer schemaVersion,
        Boolean restartable,
        String timeoutPolicy,
        Long timeoutSeconds,
        String ownerEmail,
        JsonNode ownerApp) {

    public WorkflowDef {
        tasks = tasks == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tasks));
        inputParameters = inputParameters == null ? List.of() : List.copyOf(inputParameters);
    }

    /** The version, 1 when the document leaves it out (as Conductor does). */
    public int versionOrDefault() {
        return version == null ? 1 : version;
    }

    /** The key of this definition on the definitions topic. */
    public String definitionKey() {
        return DefinitionKeys.workflow(name, versionOrDefault());
    }
}
