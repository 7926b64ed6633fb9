package dev.baton.orchestrator.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.orchestrator.error.ApiException;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /api/token} with {@code {"keyId": "...", "keySecret": "..."}} answers
 * {@code {"token": "<JWT>"}} — the exchange the Conductor/Orkes Java client makes when given a key
 * id and secret; it then sends the token as {@code X-Authorization} and fetches a new one before it
 * expires. A wrong id or secret is a 401 (one message for both). When authentication is off the
 * endpoint answers a placeholder token so that clients configured with keys still work.
 */
@Controller(AuthSettings.TOKEN_PATH)
public class TokenController {
    /** The token answered while authentication is off; nothing checks it. */
    public static final String AUTH_OFF_TOKEN = "auth-disabled";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AuthSettings settings;
    private final BeanProvider<TokenIssuer> issuer;

    public TokenController(AuthSettings settings, BeanProvider<TokenIssuer> issuer) {
        this.settings = settings;
        this.issuer = issuer;
    }

    /** @param body {@code {"keyId", "keySecret"}} @return {@code {"token": "<JWT>"}} */
    @Post
    @Consumes(MediaType.ALL)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> token(@Nullable @Body byte[] body) {
        JsonNode request = parse(body);
        String keyId = text(request, "keyId");
        String keySecret = text(request, "keySecret");
        if (!settings.enabled()) {
            return Map.of("token", AUTH_OFF_TOKEN);
        }
        TokenIssuer tokens = issuer.get();
        String id = tokens.verify(keyId, keySecret)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Invalid key id or secret"));
        return Map.of("token", tokens.issue(id, "api-key"));
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badField("body", "expected {\"keyId\": ..., \"keySecret\": ...}", null);
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badField(
                        "body", "expected a JSON object {\"keyId\": ..., \"keySecret\": ...}", null);
            }
            return node;
        } catch (IOException e) {
            // the parser's message could quote the secret: never pass it on
            throw ApiException.badField("body", "not valid JSON", null);
        }
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiException.badField(field, "is required (a non-empty string)", null);
        }
        return value.asText();
    }
}
