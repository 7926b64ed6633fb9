package dev.baton.orchestrator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which paths an auth filter must leave open. */
class PublicPathsTest {

    @Test
    void probesAndTheScrapeAreOpenByDefault() {
        PublicPaths open = new PublicPaths(new OpsConfig());
        assertThat(open.isPublic("/health")).isTrue();
        assertThat(open.isPublic("/health/readiness")).isTrue();
        assertThat(open.isPublic("/health/liveness")).isTrue();
        assertThat(open.isPublic("/prometheus")).isTrue();
        assertThat(open.isPublic("/healthz")).isFalse();
        assertThat(open.isPublic("/health/../api/workflow")).isFalse();
        assertThat(open.isPublic("/prometheus/x")).isFalse();
        assertThat(open.isPublic("/api/workflow")).isFalse();
        assertThat(open.isPublic("/metrics")).isFalse();
        assertThat(open.isPublic(null)).isFalse();
    }

    @Test
    void theListIsConfigurable() {
        OpsConfig config = new OpsConfig();
        config.setPublicPaths(List.of("/health/liveness", "/openapi/**"));
        PublicPaths open = new PublicPaths(config);
        assertThat(open.isPublic("/health/liveness")).isTrue();
        assertThat(open.isPublic("/health/readiness")).isFalse();
        assertThat(open.isPublic("/prometheus")).isFalse();
        assertThat(open.isPublic("/openapi/baton.yml")).isTrue();
    }
}
