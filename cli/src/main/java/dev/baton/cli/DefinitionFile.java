package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A definitions file read for {@code def register}, classified by content: an object with a
 * {@code tasks} array is a workflow definition, an array of those is several, and anything else
 * (one object or an array) is task definitions.
 *
 * @param file        the file as given
 * @param kind        what it holds
 * @param definitions the definitions, each a JSON object with a name
 */
record DefinitionFile(Path file, Kind kind, List<JsonNode> definitions) {

    /** What a file holds. */
    enum Kind {
        WORKFLOWS,
        TASKS
    }

    static DefinitionFile read(Path file) {
        JsonNode root = Json.readFile(file);
        List<JsonNode> defs = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(defs::add);
        } else if (root.isObject()) {
            defs.add(root);
        } else {
            throw new UsageFailure(file + ": expected a definition object or an array of them");
        }
        if (defs.isEmpty()) {
            throw new UsageFailure(file + ": no definitions in the array");
        }
        int workflows = 0;
        for (int i = 0; i < defs.size(); i++) {
            JsonNode d = defs.get(i);
            String where = file + (root.isArray() ? " [" + i + "]" : "");
            if (!d.isObject()) {
                throw new UsageFailure(where + ": a definition must be a JSON object");
            }
            String name = Json.text(d, "name");
            if (name == null || name.isBlank()) {
                throw new UsageFailure(where + ": the definition has no name");
            }
            if (d.path("tasks").isArray()) {
                workflows++;
            }
        }
        if (workflows != 0 && workflows != defs.size()) {
            throw new UsageFailure(file + ": mixes workflow definitions (with tasks[]) and task definitions;"
                    + " put them in separate files");
        }
        return new DefinitionFile(file, workflows > 0 ? Kind.WORKFLOWS : Kind.TASKS, List.copyOf(defs));
    }

    List<String> names() {
        return definitions.stream()
                .map(d -> {
                    String name = Json.text(d, "name");
                    JsonNode v = d.get("version");
                    return kind == Kind.WORKFLOWS && v != null && !v.isNull() ? name + " v" + v.asText() : name;
                })
                .toList();
    }

    ArrayNode asArray() {
        ArrayNode a = Json.MAPPER.createArrayNode();
        definitions.forEach(a::add);
        return a;
    }
}
