package dev.baton.engine.dispatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Conductor's task domains: which queue a worker task goes to, given the {@code taskToDomain} map a
 * workflow was started with. A mapping for the task's name wins over the {@code *} mapping; its
 * value is a comma-separated list of domains in order of preference. The task goes to the first
 * domain with an active worker; when none has one, to the last in the list, or to no domain (the
 * default queue) when the last is {@code NO_DOMAIN}. System tasks get no domain.
 */
public final class TaskDomains {
    /** The token that stands for the default queue (no domain). */
    public static final String NO_DOMAIN = "NO_DOMAIN";
    /** The key whose domains apply to every worker task without a mapping of its own. */
    public static final String ALL = "*";

    private TaskDomains() {}

    /**
     * The domains a worker task of this name may go to, in order of preference (may hold
     * {@code NO_DOMAIN}); empty when the workflow maps it to no domain.
     */
    public static List<String> candidates(Map<String, String> taskToDomain, String taskName) {
        if (taskToDomain == null || taskToDomain.isEmpty()) {
            return List.of();
        }
        String spec = taskName == null ? null : taskToDomain.get(taskName);
        if (spec == null) {
            spec = taskToDomain.get(ALL);
        }
        return spec == null ? List.of() : parse(spec);
    }

    /** A domain list as written ({@code "d1, d2,NO_DOMAIN"}): trimmed entries, blanks left out. */
    public static List<String> parse(String spec) {
        List<String> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String d = part.trim();
            if (!d.isEmpty()) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The domain a task goes to: the first candidate whose workers are {@code active}; else the last
     * candidate, or null (the default queue) when it is {@code NO_DOMAIN} or there is none.
     */
    public static String choose(List<String> candidates, Predicate<String> active) {
        if (candidates == null || candidates.isEmpty()) {
            return null;
        }
        for (String d : candidates) {
            if (!isNoDomain(d) && active.test(d)) {
                return d;
            }
        }
        String last = candidates.get(candidates.size() - 1);
        return isNoDomain(last) ? null : last;
    }

    /** Whether the choice depends on which workers are active (more than one possible outcome). */
    public static boolean dependsOnWorkers(List<String> candidates) {
        if (candidates == null || candidates.isEmpty()) {
            return false;
        }
        Set<String> outcomes = new HashSet<>();
        for (String d : candidates) {
            if (!isNoDomain(d)) {
                outcomes.add(d);
            }
        }
        String last = candidates.get(candidates.size() - 1);
        outcomes.add(isNoDomain(last) ? "" : last);
        return outcomes.size() > 1;
    }

    public static boolean isNoDomain(String domain) {
        return NO_DOMAIN.equalsIgnoreCase(domain);
    }
}
