package dev.baton.samples;

import dev.baton.worker.TaskContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records every command delivered to a sample service's handler, as (service, workflowId,
 * taskId, attempt). Tests use it to check that each attempt reached its service exactly once.
 * Thread-safe.
 */
public final class Ledger {

    /** One delivery of a command to a service. */
    public record Delivery(String service, String workflowId, String taskId, int attempt) {}

    private final List<Delivery> deliveries = new ArrayList<>();
    private final Map<Delivery, Integer> counts = new LinkedHashMap<>();

    /** Records a delivery of {@code ctx} to {@code service}. */
    public void record(String service, TaskContext ctx) {
        record(new Delivery(service, ctx.workflowId(), ctx.taskId(), ctx.attempt()));
    }

    /** Records a delivery. */
    public synchronized void record(Delivery delivery) {
        deliveries.add(delivery);
        counts.merge(delivery, 1, Integer::sum);
    }

    /** All deliveries so far, in order. */
    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Deliveries to one service, in order. */
    public synchronized List<Delivery> deliveries(String service) {
        return deliveries.stream().filter(d -> d.service().equals(service)).toList();
    }

    /** Number of deliveries (duplicates included) across all services. */
    public synchronized int total() {
        return deliveries.size();
    }

    /** Number of deliveries (duplicates included) to a service. */
    public synchronized int count(String service) {
        return (int)
                deliveries.stream().filter(d -> d.service().equals(service)).count();
    }

    /** Number of deliveries (duplicates included) to a service for one workflow. */
    public synchronized int count(String service, String workflowId) {
        return (int) deliveries.stream()
                .filter(d -> d.service().equals(service) && d.workflowId().equals(workflowId))
                .count();
    }

    /** Number of distinct (workflowId, taskId, attempt) delivered to a service. */
    public synchronized int distinct(String service) {
        return (int) counts.keySet().stream()
                .filter(d -> d.service().equals(service))
                .count();
    }

    /** Deliveries seen more than once, with how often each was seen. */
    public synchronized Map<Delivery, Integer> duplicates() {
        Map<Delivery, Integer> dup = new LinkedHashMap<>();
        counts.forEach((d, n) -> {
            if (n > 1) {
                dup.put(d, n);
            }
        });
        return dup;
    }

    /** Deliveries to one service seen more than once, with how often each was seen. */
    public synchronized Map<Delivery, Integer> duplicates(String service) {
        Map<Delivery, Integer> dup = new LinkedHashMap<>();
        duplicates().forEach((d, n) -> {
            if (d.service().equals(service)) {
                dup.put(d, n);
            }
        });
        return dup;
    }

    /** True if some (service, workflowId, taskId, attempt) was delivered more than once. */
    public synchronized boolean hasDuplicates() {
        return counts.values().stream().anyMatch(n -> n > 1);
    }

    /** Forgets every delivery. */
    public synchronized void clear() {
        deliveries.clear();
        counts.clear();
    }

    /** Deliveries per service, e.g. for a summary line. */
    public synchronized Map<String, Integer> countsByService() {
        Map<String, Integer> out = new LinkedHashMap<>();
        deliveries.forEach(d -> out.merge(d.service(), 1, Integer::sum));
        return out;
    }
}
