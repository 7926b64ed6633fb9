package dev.baton.orchestrator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.registry.builtin.BuiltInSchemaRegistry;
import dev.baton.registry.builtin.CompatibilityResult;
import dev.baton.registry.client.CompatibilityLevel;
import dev.baton.registry.client.RegisteredSchema;
import dev.baton.registry.client.SchemaRegistryException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Optional;

/**
 * The built-in schema registry over HTTP at {@code /registry}: the subset of the Confluent Schema
 * Registry REST API that serializers and tools use, so that {@code schema.registry.url =
 * http://host:port/registry} works for any Confluent-compatible client. Errors are Confluent
 * JSON {@code {"error_code":..., "message":...}} with the matching HTTP status.
 */
@Controller("/registry")
@Requires(beans = BuiltInSchemaRegistry.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes(MediaType.ALL)
@Produces({RegistryJson.CONTENT_TYPE, "application/vnd.schemaregistry+json", MediaType.APPLICATION_JSON})
public class RegistryController {

    private final BuiltInSchemaRegistry registry;

    /** @param registry the registry served */
    public RegistryController(BuiltInSchemaRegistry registry) {
        this.registry = registry;
    }

    /** @return {@code {}}, like Confluent's root resource */
    @Get
    public HttpResponse<String> root() {
        return RegistryJson.ok(RegistryJson.object());
    }

    /** @return the schema types supported: {@code ["AVRO"]} */
    @Get("/schemas/types")
    public HttpResponse<String> types() {
        return RegistryJson.ok(RegistryJson.array(List.of("AVRO")));
    }

    /** @param id schema id @return {@code {"schema": "..."}} */
    @Get("/schemas/ids/{id}")
    public HttpResponse<String> schemaById(@PathVariable int id) {
        return RegistryJson.ok(
                RegistryJson.object().put("schema", registry.getById(id).toString()));
    }

    /** @param id schema id @return the schema itself as JSON */
    @Get("/schemas/ids/{id}/schema")
    public HttpResponse<String> rawSchemaById(@PathVariable int id) {
        return RegistryJson.respond(HttpStatus.OK, registry.getById(id).toString());
    }

    /** @param id schema id @return the subjects using it */
    @Get("/schemas/ids/{id}/subjects")
    public HttpResponse<String> subjectsById(@PathVariable int id) {
        return RegistryJson.ok(RegistryJson.array(registry.subjectsOf(id)));
    }

    /** @param id schema id @return {@code [{"subject":..,"version":..}]} */
    @Get("/schemas/ids/{id}/versions")
    public HttpResponse<String> versionsById(@PathVariable int id) {
        ArrayNode out = RegistryJson.array(List.of());
        for (String subject : registry.subjectsOf(id)) {
            for (int version : registry.getVersions(subject)) {
                if (registry.getVersion(subject, version).id() == id) {
                    out.add(RegistryJson.object().put("subject", subject).put("version", version));
                }
            }
        }
        return RegistryJson.ok(out);
    }

    /** @param deleted include soft-deleted subjects @return subject names */
    @Get("/subjects")
    public HttpResponse<String> subjects(@QueryValue(defaultValue = "false") boolean deleted) {
        return RegistryJson.ok(RegistryJson.array(registry.getSubjects(deleted)));
    }

    /** @param subject subject @param deleted include soft-deleted versions @return version numbers */
    @Get("/subjects/{subject}/versions")
    public HttpResponse<String> versions(
            @PathVariable String subject, @QueryValue(defaultValue = "false") boolean deleted) {
        return RegistryJson.ok(RegistryJson.array(registry.getVersions(subject, deleted)));
    }

    /** @param subject subject @param version number or latest @param deleted find soft-deleted too @return the version */
    @Get("/subjects/{subject}/versions/{version}")
    public HttpResponse<String> version(
            @PathVariable String subject,
            @PathVariable String version,
            @QueryValue(defaultValue = "false") boolean deleted) {
        return RegistryJson.ok(
                RegistryJson.version(registry.getVersion(subject, RegistryJson.version(version), deleted)));
    }

    /** @param subject subject @param version number or latest @return the schema itself as JSON */
    @Get("/subjects/{subject}/versions/{version}/schema")
    public HttpResponse<String> rawVersion(@PathVariable String subject, @PathVariable String version) {
        return RegistryJson.respond(
                HttpStatus.OK,
                registry.getVersion(subject, RegistryJson.version(version)).schemaString());
    }

    /** @param subject subject @param body {@code {"schema": "..."}} @return {@code {"id": n}} */
    @Post("/subjects/{subject}/versions")
    public HttpResponse<String> register(@PathVariable String subject, @Nullable @Body byte[] body) {
        RegisteredSchema registered = registry.registerAndGet(subject, RegistryJson.schemaOf(body));
        return RegistryJson.ok(RegistryJson.object().put("id", registered.id()));
    }

    /** @param subject subject @param deleted match soft-deleted versions too @param body {@code {"schema": "..."}} @return the version holding it */
    @Post("/subjects/{subject}")
    public HttpResponse<String> lookup(
            @PathVariable String subject,
            @QueryValue(defaultValue = "false") boolean deleted,
            @Nullable @Body byte[] body) {
        return RegistryJson.ok(RegistryJson.version(registry.lookup(subject, RegistryJson.schemaOf(body), deleted)));
    }

    /** @param subject subject @param permanent hard delete (after a soft delete) @return deleted versions */
    @Delete("/subjects/{subject}")
    public HttpResponse<String> deleteSubject(
            @PathVariable String subject, @QueryValue(defaultValue = "false") boolean permanent) {
        return RegistryJson.ok(RegistryJson.array(registry.deleteSubject(subject, permanent)));
    }

    /** @param subject subject @param version number or latest @param permanent hard delete @return the deleted version */
    @Delete("/subjects/{subject}/versions/{version}")
    public HttpResponse<String> deleteVersion(
            @PathVariable String subject,
            @PathVariable String version,
            @QueryValue(defaultValue = "false") boolean permanent) {
        int deleted = registry.deleteVersion(subject, RegistryJson.version(version), permanent);
        return RegistryJson.respond(HttpStatus.OK, Integer.toString(deleted));
    }

    /**
     * @param subject subject
     * @param version number or latest
     * @param verbose include the incompatibilities
     * @param body {@code {"schema": "..."}}
     * @return {@code {"is_compatible": bool}}
     */
    @Post("/compatibility/subjects/{subject}/versions/{version}")
    public HttpResponse<String> compatibilityWithVersion(
            @PathVariable String subject,
            @PathVariable String version,
            @QueryValue(defaultValue = "false") boolean verbose,
            @Nullable @Body byte[] body) {
        CompatibilityResult result =
                registry.checkCompatibility(subject, RegistryJson.schemaOf(body), RegistryJson.version(version));
        return compatibility(result, verbose);
    }

    /** @param subject subject @param verbose include the incompatibilities @param body {@code {"schema": "..."}} @return {@code {"is_compatible": bool}} */
    @Post("/compatibility/subjects/{subject}/versions")
    public HttpResponse<String> compatibility(
            @PathVariable String subject,
            @QueryValue(defaultValue = "false") boolean verbose,
            @Nullable @Body byte[] body) {
        return compatibility(registry.checkCompatibility(subject, RegistryJson.schemaOf(body), null), verbose);
    }

    private static HttpResponse<String> compatibility(CompatibilityResult result, boolean verbose) {
        ObjectNode out = RegistryJson.object().put("is_compatible", result.compatible());
        if (verbose) {
            out.set("messages", RegistryJson.array(result.messages()));
        }
        return RegistryJson.ok(out);
    }

    /** @return {@code {"compatibilityLevel": "..."}} of the global level */
    @Get("/config")
    public HttpResponse<String> globalConfig() {
        return RegistryJson.ok(RegistryJson.object()
                .put("compatibilityLevel", registry.getCompatibility(null).name()));
    }

    /** @param body {@code {"compatibility": "FULL"}} @return the same */
    @Put("/config")
    public HttpResponse<String> setGlobalConfig(@Nullable @Body byte[] body) {
        CompatibilityLevel level = levelOf(body);
        registry.setCompatibility(null, level);
        return RegistryJson.ok(RegistryJson.object().put("compatibility", level.name()));
    }

    /**
     * @param subject subject
     * @param defaultToGlobal answer with the global level when the subject has none
     * @return {@code {"compatibilityLevel": "..."}}, 40408 if the subject has no level of its own
     */
    @Get("/config/{subject}")
    public HttpResponse<String> subjectConfig(
            @PathVariable String subject, @QueryValue(defaultValue = "false") boolean defaultToGlobal) {
        Optional<CompatibilityLevel> own = registry.getSubjectCompatibility(subject);
        CompatibilityLevel level = own.orElseGet(() -> {
            if (!defaultToGlobal) {
                throw new SchemaRegistryException(
                        404,
                        SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                        "Subject '" + subject + "' does not have subject-level compatibility configured");
            }
            return registry.getCompatibility(null);
        });
        return RegistryJson.ok(RegistryJson.object().put("compatibilityLevel", level.name()));
    }

    /** @param subject subject @param body {@code {"compatibility": "FULL"}} @return the same */
    @Put("/config/{subject}")
    public HttpResponse<String> setSubjectConfig(@PathVariable String subject, @Nullable @Body byte[] body) {
        CompatibilityLevel level = levelOf(body);
        registry.setCompatibility(subject, level);
        return RegistryJson.ok(RegistryJson.object().put("compatibility", level.name()));
    }

    /** @param subject subject @return the level it had */
    @Delete("/config/{subject}")
    public HttpResponse<String> deleteSubjectConfig(@PathVariable String subject) {
        CompatibilityLevel previous = registry.deleteSubjectCompatibility(subject);
        return RegistryJson.ok(RegistryJson.object().put("compatibilityLevel", previous.name()));
    }

    /** @return {@code {"mode":"READWRITE"}} (modes are not supported; always read-write) */
    @Get("/mode")
    public HttpResponse<String> mode() {
        return RegistryJson.ok(RegistryJson.object().put("mode", "READWRITE"));
    }

    /**
     * @param request the failed request
     * @param e the registry error
     * @return Confluent error JSON with the error's HTTP status
     */
    @Error(exception = SchemaRegistryException.class)
    public HttpResponse<String> onRegistryError(HttpRequest<?> request, SchemaRegistryException e) {
        return RegistryJson.error(e.status() == 0 ? 500 : e.status(), e.errorCode(), e.getMessage());
    }

    private static CompatibilityLevel levelOf(@Nullable byte[] body) {
        JsonNode node = RegistryJson.parse(body);
        JsonNode level = node.hasNonNull("compatibility") ? node.get("compatibility") : node.get("compatibilityLevel");
        return CompatibilityLevel.parse(level == null ? null : level.asText());
    }
}
