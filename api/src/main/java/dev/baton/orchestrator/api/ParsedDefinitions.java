package dev.baton.orchestrator.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Parsed definitions by store key, each with the bytes it was parsed from: a definition is parsed
 * again only when its bytes on the definitions topic changed. (Every workflow read needs its
 * definition; parsing it each time cost a GET more than reading the instance.) Parsed definitions
 * are immutable records, so callers share them.
 */
final class ParsedDefinitions {
    private record Parsed(byte[] bytes, Object value) {}

    private final Cache<String, Parsed> cache;

    ParsedDefinitions(long maxEntries) {
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** The definition these bytes hold, parsed by {@code parser} unless the same bytes were parsed before. */
    @SuppressWarnings("unchecked")
    <T> T parse(String key, byte[] bytes, Function<String, T> parser) {
        Parsed known = cache.getIfPresent(key);
        if (known != null && Arrays.equals(known.bytes(), bytes)) {
            return (T) known.value();
        }
        T value = parser.apply(new String(bytes, StandardCharsets.UTF_8));
        cache.put(key, new Parsed(bytes.clone(), value));
        return value;
    }
}
