package dev.baton.orchestrator.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.EventSource;
import dev.baton.dsl.WorkflowDef;
import dev.baton.dsl.WorkflowTask;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sample services' workflow definitions are valid Baton definitions, with the bridge bindings the demos rely on. */
class SampleDefinitionsTest {

    private static WorkflowDef load(String resource) throws Exception {
        try (InputStream in = SampleDefinitionsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return DefinitionParser.workflow(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theObservedChoreographyWatchesEveryStepAndStartsOnABookingRequest() throws Exception {
        WorkflowDef def = load("/workflows/flight_booking_observed.json");
        assertThat(def.tasks()).allSatisfy(t -> {
            assertThat(t.isObserved()).isTrue();
            assertThat(t.expectedDurationSeconds()).isPositive();
        });
        assertThat(def.allEventSources())
                .extracting(EventSource::topic)
                .contains("booking.events", "seat.events", "payment.events", "ticket.events", "notification.events");
        assertThat(def.eventSources())
                .singleElement()
                .satisfies(s -> assertThat(s.actionType()).isEqualTo(EventSource.Action.START_WORKFLOW));
    }

    @Test
    void theTakeoverVariantCommandsOnlyThePayment() throws Exception {
        WorkflowDef def = load("/workflows/flight_booking_payment_commanded.json");
        assertThat(def.name()).isEqualTo("flight_booking_observed");
        assertThat(def.tasks())
                .filteredOn(t -> !t.isObserved())
                .extracting(WorkflowTask::name)
                .containsExactly("charge_payment");
        assertThat(load("/workflows/flight_booking.json").tasks()).noneMatch(WorkflowTask::isObserved);
    }
}
