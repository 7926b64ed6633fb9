package dev.baton.orchestrator.ops;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * The OpenAPI description of Baton's HTTP API. micronaut-openapi writes it at compile time from
 * the controllers to {@code META-INF/swagger/baton.yml}; the server serves it at
 * {@code /openapi/baton.yml}, with a Swagger UI at {@code /openapi/views/swagger-ui/}.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Baton",
                        version = "${baton.api.version}",
                        description =
                                "Kafka-native workflow orchestrator: Conductor-compatible REST API under /api, "
                                        + "the built-in schema registry under /registry, operations endpoints /health and /prometheus."))
final class ApiDocument {
    private ApiDocument() {}
}
