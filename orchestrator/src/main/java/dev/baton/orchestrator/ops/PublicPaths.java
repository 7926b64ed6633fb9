package dev.baton.orchestrator.ops;

import jakarta.inject.Singleton;
import java.util.List;

/**
 * The paths that stay reachable without credentials when authentication is on: by default the
 * health probes ({@code /health}, {@code /health/**}) and the Prometheus scrape
 * ({@code /prometheus}); set {@code baton.ops.public-paths} to change them. An authentication
 * filter asks {@link #isPublic(String)} before it demands credentials.
 */
@Singleton
public class PublicPaths {
    private final List<String> patterns;

    public PublicPaths(OpsConfig config) {
        this.patterns = config.getPublicPaths();
    }

    /** Whether {@code path} (the request path, without query) is open: an exact entry, or under an entry ending in {@code /**}. */
    public boolean isPublic(String path) {
        if (path == null) {
            return false;
        }
        for (String p : patterns) {
            if (p.endsWith("/**")) {
                String base = p.substring(0, p.length() - 3);
                if (path.startsWith(base + "/") && !path.contains("/..") || path.equals(base)) {
                    return true;
                }
            } else if (p.equals(path)) {
                return true;
            }
        }
        return false;
    }

    public List<String> patterns() {
        return patterns;
    }
}
