package dev.baton.dsl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads workflow and task definitions from Conductor JSON or the same document in YAML,
 * and validates them. An invalid document is refused whole with every error found.
 */
public final class DefinitionParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DefinitionParser() {}

    /** Parses and validates a workflow definition (JSON, or YAML when it does not start with '{'). */
    public static WorkflowDef workflow(String text) {
        WorkflowDef def = read(text, WorkflowDef.class);
        List<ValidationError> errors = DefinitionValidator.validate(def);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return def;
    }

    /** Parses and validates one task definition. */
    public static TaskDef task(String text) {
        TaskDef def = read(text, TaskDef.class);
        List<ValidationError> errors = DefinitionValidator.validate(def, "$");
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return def;
    }

    /** Parses and validates a JSON/YAML array of task definitions (as Conductor's POST /metadata/taskdefs takes). */
    public static List<TaskDef> tasks(String text) {
        JsonNode node = tree(text);
        if (!node.isArray()) {
            throw new InvalidDefinitionException(
                    List.of(new ValidationError("$", "expected an array of task definitions")));
        }
        List<TaskDef> defs = new ArrayList<>();
        List<ValidationError> errors = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            try {
                TaskDef def = mapper(text).treeToValue(node.get(i), TaskDef.class);
                errors.addAll(DefinitionValidator.validate(def, "$[" + i + "]"));
                defs.add(def);
            } catch (JsonProcessingException e) {
                errors.add(new ValidationError("$[" + i + "]", e.getOriginalMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return defs;
    }

    /** Writes a definition as Conductor JSON. */
    public static String toJson(Object definition) {
        try {
            return JSON.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String text, Class<T> type) {
        try {
            return mapper(text).treeToValue(tree(text), type);
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException(List.of(new ValidationError("$" + pathOf(e), e.getOriginalMessage())));
        }
    }

    private static JsonNode tree(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidDefinitionException(List.of(new ValidationError("$", "empty document")));
        }
        try {
            JsonNode node = mapper(text).readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidDefinitionException(List.of(new ValidationError("$", "empty document")));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException(
                    List.of(new ValidationError("$", "not valid JSON or YAML: " + e.getOriginalMessage())));
        }
    }

    private static ObjectMapper mapper(String text) {
        String t = text.stripLeading();
        return t.startsWith("{") || t.startsWith("[") ? JSON : YAML;
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder sb = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append('.').append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        return "";
    }
}
