package dev.baton.registry.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * Caches of a remote registry: id to schema and (subject, schema) to id never expire (they are
 * immutable in the registry); the latest version of a subject expires after a short TTL.
 */
final class ClientCache {

    private static final int MAX_ENTRIES = 10_000;

    private record Expiring(RegisteredSchema value, long expiresAtNanos) {}

    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<String, Expiring> latestBySubject = new ConcurrentHashMap<>();
    private final long latestTtlNanos;
    private final LongSupplier nanoClock;

    ClientCache(Duration latestTtl, LongSupplier nanoClock) {
        this.latestTtlNanos = latestTtl.toNanos();
        this.nanoClock = nanoClock;
    }

    Schema schema(int id) {
        return schemasById.get(id);
    }

    void putSchema(int id, Schema schema) {
        bound(schemasById);
        schemasById.put(id, schema);
    }

    Integer id(String subject, String schema) {
        return idsBySubjectSchema.get(key(subject, schema));
    }

    void putId(String subject, String schema, int id) {
        bound(idsBySubjectSchema);
        idsBySubjectSchema.put(key(subject, schema), id);
    }

    RegisteredSchema latest(String subject) {
        Expiring e = latestBySubject.get(subject);
        if (e == null) {
            return null;
        }
        if (nanoClock.getAsLong() - e.expiresAtNanos() >= 0) {
            latestBySubject.remove(subject, e);
            return null;
        }
        return e.value();
    }

    void putLatest(RegisteredSchema latest) {
        if (latestTtlNanos <= 0) {
            return;
        }
        bound(latestBySubject);
        latestBySubject.put(latest.subject(), new Expiring(latest, nanoClock.getAsLong() + latestTtlNanos));
    }

    void invalidateSubject(String subject) {
        latestBySubject.remove(subject);
        String prefix = subject + '\u0000';
        idsBySubjectSchema.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private static String key(String subject, String schema) {
        return subject + '\u0000' + schema;
    }

    private static void bound(Map<?, ?> map) {
        if (map.size() >= MAX_ENTRIES) {
            map.clear();
        }
    }
}
