package dev.baton.orchestrator.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Base64;

/**
 * The HS256 signature that signs the JWTs Baton issues and is the only one their validation
 * accepts, keyed by {@code baton.auth.token-secret}. Without a signature Micronaut would accept
 * unsigned JWTs, which is why enabling authentication without a secret stops the start.
 */
@Factory
@Requires(property = "baton.auth.enabled", value = "true")
class SignatureBeans {

    /** Declared as the interface: SecretSignature's own {@code @EachBean} would otherwise make this bean vanish. */
    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration batonTokenSignature(AuthSettings settings) {
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("baton");
        config.setJwsAlgorithm(JWSAlgorithm.HS256);
        // handed over base64-encoded so that the bytes are exactly the configured secret's UTF-8 bytes
        config.setBase64(true);
        config.setSecret(Base64.getEncoder().encodeToString(settings.tokenSecret()));
        return new SecretSignature(config);
    }
}
