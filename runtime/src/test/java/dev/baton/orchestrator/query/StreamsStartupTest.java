package dev.baton.orchestrator.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamsStartupTest {

    @Test
    void advertisesTheConfiguredHostElseTheServerHostElseLoopback() {
        assertThat(StreamsStartup.advertisedHost("node-1.baton", "10.0.0.5")).isEqualTo("node-1.baton");
        assertThat(StreamsStartup.advertisedHost("", "10.0.0.5")).isEqualTo("10.0.0.5");
        assertThat(StreamsStartup.advertisedHost(null, "")).isEqualTo("127.0.0.1");
        assertThat(StreamsStartup.advertisedHost(" ", null)).isEqualTo("127.0.0.1");
    }

    @Test
    void aWildcardServerHostIsNotAdvertised() {
        assertThat(StreamsStartup.advertisedHost("", "0.0.0.0"))
                .isNotEqualTo("0.0.0.0")
                .isNotBlank();
    }
}
