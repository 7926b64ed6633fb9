package dev.baton.orchestrator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** Baton's meters as Prometheus renders them: names, tags, histogram buckets, bounded tag values. */
class BatonMetersTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void workflowCountersAreTaggedByWorkflowName() {
        BatonMeters meters = new BatonMeters(registry, new OpsConfig());
        meters.workflowStarted("order");
        meters.workflowStarted("order");
        meters.workflowStarted("refund");
        meters.workflowFinished("order", WorkflowStatus.COMPLETED);
        meters.workflowFinished("order", WorkflowStatus.FAILED);
        meters.workflowFinished("refund", WorkflowStatus.TERMINATED);
        meters.workflowFinished("refund", WorkflowStatus.TIMED_OUT);

        String text = registry.scrape();
        assertThat(text)
                .contains("baton_workflows_started_total{workflow=\"order\"} 2.0")
                .contains("baton_workflows_started_total{workflow=\"refund\"} 1.0")
                .contains("baton_workflows_completed_total{workflow=\"order\"} 1.0")
                .contains("baton_workflows_failed_total{workflow=\"order\"} 1.0")
                .contains("baton_workflows_terminated_total{workflow=\"refund\"} 1.0")
                .contains("baton_workflows_timed_out_total{workflow=\"refund\"} 1.0");
    }

    @Test
    void taskLatencyIsAHistogramWithBucketsByTaskTypeAndOutcome() {
        BatonMeters meters = new BatonMeters(registry, new OpsConfig());
        meters.taskFinished("charge", TaskStatus.COMPLETED, 40);
        meters.taskFinished("charge", TaskStatus.COMPLETED, 300);
        meters.taskFinished("charge", TaskStatus.FAILED, 7_000);

        String text = registry.scrape();
        assertThat(text)
                .contains("# TYPE baton_task_latency_seconds histogram")
                .contains(
                        "baton_task_latency_seconds_bucket{outcome=\"COMPLETED\",task_type=\"charge\",le=\"0.025\"} 0")
                .contains("baton_task_latency_seconds_bucket{outcome=\"COMPLETED\",task_type=\"charge\",le=\"0.05\"} 1")
                .contains("baton_task_latency_seconds_bucket{outcome=\"COMPLETED\",task_type=\"charge\",le=\"0.5\"} 2")
                .contains("baton_task_latency_seconds_bucket{outcome=\"COMPLETED\",task_type=\"charge\",le=\"+Inf\"} 2")
                .contains("baton_task_latency_seconds_count{outcome=\"COMPLETED\",task_type=\"charge\"} 2")
                .contains("baton_task_latency_seconds_sum{outcome=\"COMPLETED\",task_type=\"charge\"} 0.34")
                .contains("baton_task_latency_seconds_bucket{outcome=\"FAILED\",task_type=\"charge\",le=\"5.0\"} 0")
                .contains("baton_task_latency_seconds_bucket{outcome=\"FAILED\",task_type=\"charge\",le=\"10.0\"} 1");
    }

    @Test
    void deadLettersAreCountedBySourceAndReasonKind() {
        BatonMeters meters = new BatonMeters(registry, new OpsConfig());
        meters.deadLettered("baton.replies", "poison");
        meters.deadLettered("baton.replies", "poison");
        meters.deadLettered("baton.commands", "rejected");
        meters.expired();

        assertThat(registry.scrape())
                .contains("baton_dlq_records_total{reason=\"poison\",source=\"baton.replies\"} 2.0")
                .contains("baton_dlq_records_total{reason=\"rejected\",source=\"baton.commands\"} 1.0")
                .contains("baton_instances_expired_total 1.0");
    }

    @Test
    void slaBreachesAreCountedByWorkflowAndStep() {
        BatonMeters meters = new BatonMeters(registry, new OpsConfig());
        meters.slaBreached("flight_booking_observed", "charge_payment");
        meters.slaBreached("flight_booking_observed", "charge_payment");
        meters.slaBreached("flight_booking_observed", "reserve_seat");
        String text = registry.scrape();
        assertThat(text)
                .contains("baton_sla_breaches_total{step=\"charge_payment\",workflow=\"flight_booking_observed\"} 2.0")
                .contains("baton_sla_breaches_total{step=\"reserve_seat\",workflow=\"flight_booking_observed\"} 1.0");
    }

    @Test
    void tagValuesBeyondTheCapCountAsOther() {
        OpsConfig config = new OpsConfig();
        config.setMaxTagValues(2);
        BatonMeters meters = new BatonMeters(registry, config);
        for (int i = 0; i < 5; i++) {
            meters.workflowStarted("inline-" + i);
            meters.taskFinished("type-" + i, TaskStatus.COMPLETED, 1);
        }
        meters.workflowStarted("inline-0");

        String text = registry.scrape();
        assertThat(text)
                .contains("baton_workflows_started_total{workflow=\"inline-0\"} 2.0")
                .contains("baton_workflows_started_total{workflow=\"inline-1\"} 1.0")
                .contains("baton_workflows_started_total{workflow=\"_other\"} 3.0")
                .doesNotContain("inline-2")
                .contains("baton_task_latency_seconds_count{outcome=\"COMPLETED\",task_type=\"_other\"} 3");
    }
}
