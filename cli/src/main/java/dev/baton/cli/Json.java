package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** JSON and YAML reading and writing for the CLI. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Json() {}

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A field as text, or null when it is missing or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    /** A field as a long, or 0 when it is missing, null or not a number. */
    static long millis(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** Reads a JSON file, or a YAML one when it ends in .yaml or .yml; problems are usage errors. */
    static JsonNode readFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageFailure(file + ": no such file");
        } catch (IOException e) {
            throw new UsageFailure(file + ": cannot read (" + e.getMessage() + ")");
        }
        boolean yaml = isYaml(file);
        try {
            JsonNode node = (yaml ? YAML : MAPPER).readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new UsageFailure(file + ": empty file");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UsageFailure(
                    file + ": not valid " + (yaml ? "YAML" : "JSON") + " (" + e.getOriginalMessage() + ")");
        }
    }

    /** Parses JSON text given on the command line; problems are usage errors naming the option. */
    static JsonNode parse(String text, String what) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new UsageFailure(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UsageFailure(what + " is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
