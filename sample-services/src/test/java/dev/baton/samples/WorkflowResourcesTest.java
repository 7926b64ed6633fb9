package dev.baton.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped Conductor definitions are well formed and wired consistently. */
class WorkflowResourcesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern EXPR = Pattern.compile("\\$\\{([a-zA-Z_]+)\\.(input|output)\\.([a-zA-Z_]+)}");

    private static JsonNode load(String resource) throws Exception {
        try (InputStream in = WorkflowResourcesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return MAPPER.readTree(in);
        }
    }

    @Test
    void workflowDefinition() throws Exception {
        JsonNode wf = load(FlightTasks.WORKFLOW_RESOURCE);
        assertThat(wf.get("name").asText()).isEqualTo("flight_booking");
        assertThat(wf.get("version").asInt()).isEqualTo(1);
        assertThat(wf.get("schemaVersion").asInt()).isEqualTo(2);
        List<String> names = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        List<String> expressions = new ArrayList<>();
        for (JsonNode task : wf.get("tasks")) {
            assertThat(task.get("type").asText()).isEqualTo("SIMPLE");
            names.add(task.get("name").asText());
            // every task output referenced as input belongs to an earlier task
            task.get("inputParameters").forEach(v -> {
                Matcher m = EXPR.matcher(v.asText());
                assertThat(m.matches()).as(v.asText()).isTrue();
                if (!m.group(1).equals("workflow")) {
                    assertThat(refs).as(v.asText()).contains(m.group(1));
                }
                expressions.add(v.asText());
            });
            refs.add(task.get("taskReferenceName").asText());
        }
        assertThat(names).containsExactlyElementsOf(FlightTasks.STEPS);
        assertThat(expressions).contains("${workflow.input.bookingId}", "${reserve_ref.output.seatNumber}");
        wf.get("outputParameters").forEach(v -> {
            Matcher m = EXPR.matcher(v.asText());
            assertThat(m.matches()).isTrue();
            assertThat(m.group(1).equals("workflow") || refs.contains(m.group(1)))
                    .as(v.asText())
                    .isTrue();
        });
        // The two steps with side effects name the step that undoes them (saga compensation).
        assertThat(wf.get("tasks").get(0).get("compensation").get("name").asText())
                .isEqualTo(FlightTasks.RELEASE_SEAT);
        assertThat(wf.get("tasks").get(1).get("compensation").get("name").asText())
                .isEqualTo(FlightTasks.REFUND_PAYMENT);
        assertThat(wf.get("tasks").get(2).has("compensation")).isFalse();
    }

    @Test
    void taskDefinitions() throws Exception {
        JsonNode defs = load(FlightTasks.TASK_DEFS_RESOURCE);
        assertThat(defs.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        for (JsonNode d : defs) {
            names.add(d.get("name").asText());
            assertThat(d.get("retryLogic").asText()).isEqualTo("FIXED");
            assertThat(d.get("retryDelaySeconds").asInt()).isEqualTo(1);
            assertThat(d.get("retryCount").asInt()).isPositive();
            assertThat(d.get("responseTimeoutSeconds").asInt())
                    .isLessThanOrEqualTo(d.get("timeoutSeconds").asInt());
            assertThat(d.get("ownerEmail").asText()).contains("@");
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(FlightTasks.ALL);
    }
}
