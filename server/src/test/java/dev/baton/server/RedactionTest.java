package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void hidesSecretsAndKeepsTheRest() {
        assertThat(Redaction.value("kafka.sasl.jaas.config", "ScramLoginModule required password=\"p\";"))
                .isEqualTo("[hidden]");
        assertThat(Redaction.value("kafka.ssl.key.password", "p")).isEqualTo("[hidden]");
        assertThat(Redaction.value("kafka.ssl.keystore.key", "-----BEGIN")).isEqualTo("[hidden]");
        assertThat(Redaction.value("baton.auth.token-secret", "0123456789abcdef0123456789abcdef"))
                .isEqualTo("[hidden]");
        assertThat(Redaction.value("baton.auth.api-keys", "ci:s3cret")).isEqualTo("[hidden]");
        assertThat(Redaction.value("baton.auth.tokens", "t1,t2")).isEqualTo("[hidden]");
        assertThat(Redaction.value("kafka.bootstrap.servers", "b1:9092")).isEqualTo("b1:9092");
        assertThat(Redaction.value("baton.auth.token-expiry", "1h")).isEqualTo("1h");
        assertThat(Redaction.value("kafka.ssl.keystore.location", "/etc/ks.p12"))
                .isEqualTo("/etc/ks.p12");
        assertThat(Redaction.value("baton.auth.token-secret", ""))
                .as("an empty value shows it is unset")
                .isEmpty();
    }
}
