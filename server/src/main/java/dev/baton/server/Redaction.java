package dev.baton.server;

import java.util.List;
import java.util.Locale;

/** Which setting values are secrets: never printed, never logged. */
final class Redaction {

    static final String HIDDEN = "[hidden]";

    private static final List<String> HINTS = List.of(
            "password",
            "secret",
            "jaas",
            "api-keys",
            "api_keys",
            "apikeys",
            "tokens",
            "credential",
            "private",
            "keystore.key",
            "token-secret");

    private Redaction() {}

    static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return HINTS.stream().anyMatch(n::contains) || n.endsWith(".key");
    }

    static String value(String name, String value) {
        return isSecret(name) && value != null && !value.isEmpty() ? HIDDEN : value;
    }
}
