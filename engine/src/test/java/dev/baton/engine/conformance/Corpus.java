package dev.baton.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.Conformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Conductor conformance corpus as read once from {@code conformance/conductor}: the
 * scenarios, the task definitions of {@code taskdefs.json} and every workflow definition file
 * (keyed by its path relative to the corpus folder, e.g. {@code workflows/x.json}).
 */
final class Corpus {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static Corpus loaded;

    final Path dir;
    final List<ObjectNode> scenarios;
    final List<ObjectNode> taskDefs;
    final Map<String, ObjectNode> workflowFiles;

    private Corpus(Path dir) {
        this.dir = dir;
        this.scenarios = new ArrayList<>();
        read(dir.resolve("scenarios.json")).forEach(n -> scenarios.add((ObjectNode) n));
        this.taskDefs = new ArrayList<>();
        read(dir.resolve("taskdefs.json")).get("taskDefs").forEach(n -> taskDefs.add((ObjectNode) n));
        this.workflowFiles = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("workflows"))) {
            files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> {
                JsonNode doc = read(p);
                if (doc.isObject() && doc.has("name") && doc.has("tasks")) {
                    workflowFiles.put("workflows/" + p.getFileName(), (ObjectNode) doc);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The corpus, read on first use. */
    static synchronized Corpus get() {
        if (loaded == null) {
            loaded = new Corpus(Conformance.dir());
        }
        return loaded;
    }

    /** A fresh copy of a workflow definition file's JSON; null when the corpus has no such file. */
    ObjectNode workflowFile(String relativePath) {
        ObjectNode doc = workflowFiles.get(relativePath);
        return doc == null ? null : doc.deepCopy();
    }

    private static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
