package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardQueriesTest {

    @Test
    void findsTheMetricsAndSkipsFunctionsLabelsRangesAndGroupings() {
        assertThat(DashboardQueries.metricNames("histogram_quantile(0.99, sum by (le, task_type) "
                        + "(rate(baton_task_latency_seconds_bucket{outcome=\"COMPLETED\"}[$__rate_interval])))"))
                .containsExactly("baton_task_latency_seconds_bucket");
        assertThat(DashboardQueries.metricNames("sum(up{job=\"baton\"}) - on (instance) max without (x) (b_total) > 2"))
                .containsExactly("b_total", "up");
        assertThat(DashboardQueries.metricNames("process_cpu_usage")).containsExactly("process_cpu_usage");
    }
}
