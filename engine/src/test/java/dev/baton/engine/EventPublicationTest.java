package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EVENT tasks: where their record goes, and the Conductor event name event handlers match on. */
class EventPublicationTest {
    private final EngineHarness h = new EngineHarness();

    private List<Effect.Publish> published(String wf) {
        return h.effects(wf).stream()
                .filter(Effect.Publish.class::isInstance)
                .map(Effect.Publish.class::cast)
                .toList();
    }

    @Test
    void conductorSinkPublishesToTheConductorTopicNamedByWorkflowAndReference() {
        // given
        h.registerWorkflow("""
                {"name": "emitter", "version": 1, "tasks": [
                  {"name": "evt", "taskReferenceName": "evt_ref", "type": "EVENT", "sink": "conductor",
                   "inputParameters": {"orderId": "${workflow.input.orderId}"}}]}""");

        // when
        String wf = h.start("emitter", "{\"orderId\": \"o-1\"}", "corr-1");

        // then
        assertThat(published(wf)).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo("baton.event.conductor");
            assertThat(p.key()).isEqualTo(wf);
            assertThat(p.headers().get("baton-event").asText()).isEqualTo("conductor:emitter:evt_ref");
            assertThat(p.value().get("orderId").asText()).isEqualTo("o-1");
            assertThat(p.value().get("workflowInstanceId").asText()).isEqualTo(wf);
            assertThat(p.value().get("workflowType").asText()).isEqualTo("emitter");
            assertThat(p.value().get("correlationId").asText()).isEqualTo("corr-1");
        });
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED).hasTaskStatuses("evt_ref", TaskStatus.COMPLETED);
        assertThat(h.current(wf, "evt_ref").outputData.get("event_produced").asText())
                .isEqualTo("conductor:emitter:evt_ref");
    }

    @Test
    void conductorQueueSinkIsNamedAsConductorNamesIt() {
        // given
        h.registerWorkflow("""
                {"name": "emitter2", "version": 1, "tasks": [
                  {"name": "evt", "taskReferenceName": "evt_ref", "type": "EVENT", "sink": "conductor:orders"}]}""");

        // when
        String wf = h.start("emitter2", "{}");

        // then
        assertThat(published(wf)).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo("baton.event.conductor.orders");
            assertThat(p.headers().get("baton-event").asText()).isEqualTo("conductor:emitter2:orders");
        });
        assertThat(h.current(wf, "evt_ref").outputData.get("event_produced").asText())
                .isEqualTo("conductor:emitter2:orders");
    }

    @Test
    void kafkaSinkPublishesToItsTopicAndAsyncCompleteWaitsForASignal() {
        // given
        h.registerWorkflow("""
                {"name": "emitter3", "version": 1, "tasks": [
                  {"name": "evt", "taskReferenceName": "evt_ref", "type": "EVENT", "sink": "kafka:audit", "asyncComplete": true}]}""");

        // when
        String wf = h.start("emitter3", "{}");

        // then
        assertThat(published(wf)).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo("audit");
            assertThat(p.headers().get("baton-event").asText()).isEqualTo("kafka:audit");
        });
        h.assertThat(wf).hasStatus(WorkflowStatus.RUNNING).hasTaskStatuses("evt_ref", TaskStatus.IN_PROGRESS);
    }
}
