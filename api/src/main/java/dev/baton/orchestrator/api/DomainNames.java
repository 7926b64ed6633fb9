package dev.baton.orchestrator.api;

import dev.baton.engine.dispatch.TaskDomains;
import dev.baton.orchestrator.error.ApiException;
import java.util.Map;

/**
 * Checks the domains a start's {@code taskToDomain} names: Baton sends a domain's commands to the
 * topic {@code <domain>.<commandTopic>}, so a domain name must be usable in a Kafka topic name.
 */
final class DomainNames {
    private DomainNames() {}

    /** Refuses (400, naming the entry) a map with a domain that cannot name a topic. */
    static void check(Map<String, String> taskToDomain, String path) {
        if (taskToDomain == null) {
            return;
        }
        taskToDomain.forEach((task, spec) -> {
            for (String domain : TaskDomains.parse(spec)) {
                if (TaskDomains.isNoDomain(domain)) {
                    continue;
                }
                String problem = dev.baton.worker.TaskDomains.problem(domain, "");
                if (problem != null) {
                    throw ApiException.badField(path + "." + task, "domain '" + domain + "': " + problem, spec);
                }
            }
        });
    }
}
