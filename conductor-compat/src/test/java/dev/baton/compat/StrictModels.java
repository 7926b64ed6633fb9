package dev.baton.compat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads API responses into the official client's model classes (conductor-client 4.0.8) strictly:
 * a property the model class does not have fails the read. A property the class has only a getter
 * for ({@code Task.taskDefinition}, {@code Task.loopOverTask}, {@code Workflow.workflowName}...) is
 * part of the model — Conductor's server writes it — and is skipped, as the client does.
 *
 * <p>{@link #missingAlwaysWritten} checks the other direction: the properties Conductor's server
 * writes whatever their value (the primitives: its mapper leaves out only nulls), in the body and
 * in every Conductor model nested in it.
 */
final class StrictModels {
    /** The client's mapper settings (Conductor's ObjectMapperProvider), but failing on unknown properties. */
    static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .setDefaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
            .addHandler(new GetterOnlyProperties());

    private static final ObjectMapper INTROSPECT = new ObjectMapper();
    private static final String MODEL_PACKAGE = "com.netflix.conductor.common.";
    private static final Map<Class<?>, Set<String>> READ_ONLY = new ConcurrentHashMap<>();
    /**
     * Properties Conductor's server (3.32.1) writes that the 4.0.8 client's classes do not have (the client's own mapper
     * ignores them): skipped like the getter-only ones.
     */
    private static final Map<String, Set<String>> NEWER_SERVER = Map.of(
            "TaskDef",
            Set.of(
                    "runtimeMetadata",
                    "maxRetryDelaySeconds",
                    "backoffJitterMs",
                    "totalTimeoutSeconds",
                    "taskStatusListenerEnabled"),
            "WorkflowDef",
            Set.of("metadata", "maskedFields", "failureWorkflowVersion", "cacheConfig"),
            "WorkflowTask",
            Set.of("metadata", "joinMode"),
            "WorkflowDefSummary",
            Set.of("updateTime"),
            "Task",
            Set.of("runtimeMetadata"));

    private StrictModels() {}

    static <T> T read(String json, Class<T> type) {
        try {
            return STRICT.readValue(json, type);
        } catch (IOException e) {
            throw new AssertionError(
                    "not a " + type.getSimpleName() + " for the official client: " + e.getMessage() + "\nbody: "
                            + abbreviate(json),
                    e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return STRICT.readValue(json, type);
        } catch (IOException e) {
            throw new AssertionError(
                    "not a " + type.getType() + " for the official client: " + e.getMessage() + "\nbody: "
                            + abbreviate(json),
                    e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return INTROSPECT.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + abbreviate(json), e);
        }
    }

    /**
     * The always-written properties (primitives) of {@code type} missing from {@code json}, at any
     * depth, as JSON paths; empty when none is missing.
     */
    static List<String> missingAlwaysWritten(String json, TypeReference<?> type) {
        List<String> out = new ArrayList<>();
        check(tree(json), INTROSPECT.getTypeFactory().constructType(type), "$", out);
        return out;
    }

    static List<String> missingAlwaysWritten(String json, Class<?> type) {
        List<String> out = new ArrayList<>();
        check(tree(json), INTROSPECT.constructType(type), "$", out);
        return out;
    }

    private static void check(JsonNode node, JavaType type, String path, List<String> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            int i = 0;
            for (JsonNode item : node) {
                check(item, type.getContentType(), path + "[" + i++ + "]", out);
            }
            return;
        }
        if (type.isMapLikeType()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                check(e.getValue(), type.getContentType(), path + "." + e.getKey(), out);
            }
            return;
        }
        if (type.isReferenceType()) {
            check(node, type.getReferencedType(), path, out);
            return;
        }
        Class<?> raw = type.getRawClass();
        if (!raw.getName().startsWith(MODEL_PACKAGE) || raw.isEnum() || !node.isObject()) {
            return;
        }
        BeanDescription bean = INTROSPECT.getSerializationConfig().introspect(type);
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (!p.couldSerialize()) {
                continue;
            }
            JavaType pt = p.getPrimaryType();
            if (pt.isPrimitive() && !node.has(p.getName())) {
                out.add(path + "." + p.getName());
            }
            check(node.get(p.getName()), pt, path + "." + p.getName(), out);
        }
    }

    /** Properties of a model class that it has a getter for but nothing to set them with. */
    static Set<String> readOnly(Class<?> type) {
        return READ_ONLY.computeIfAbsent(type, t -> {
            BeanDescription d = INTROSPECT.getSerializationConfig().introspect(INTROSPECT.constructType(t));
            return d.findProperties().stream()
                    .filter(p -> p.couldSerialize()
                            && !p.hasSetter()
                            && !p.hasConstructorParameter()
                            && (!p.hasField() || !p.getField().isPublic()))
                    .map(BeanPropertyDefinition::getName)
                    .collect(Collectors.toUnmodifiableSet());
        });
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }

    /** Skips a getter-only property of the model; any other unknown property fails the read. */
    private static final class GetterOnlyProperties extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(
                DeserializationContext ctxt,
                JsonParser p,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName)
                throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            if (readOnly(type).contains(propertyName)
                    || NEWER_SERVER.getOrDefault(type.getSimpleName(), Set.of()).contains(propertyName)) {
                p.skipChildren();
                return true;
            }
            return false;
        }
    }
}
