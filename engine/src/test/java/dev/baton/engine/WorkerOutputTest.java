package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.input.EngineInput;
import org.junit.jupiter.api.Test;

/** A worker's update replaces the task's output, as Conductor's updateTask does: progress reported before is gone. */
class WorkerOutputTest {
    @Test
    void theLastUpdatesOutputIsTheTasksOutput() {
        EngineHarness h = new EngineHarness();
        h.registerTask("{\"name\": \"work\", \"retryCount\": 0}");
        h.registerWorkflow("""
                {"name": "one", "version": 1, "tasks": [{"name": "work", "taskReferenceName": "w", "type": "SIMPLE"}]}""");
        String wf = h.start("one", "{}");

        h.reply(wf, "w", EngineInput.ReplyStatus.IN_PROGRESS, "{\"p\": 1}", null);
        assertThat(h.current(wf, "w").outputData.toString()).isEqualTo("{\"p\":1}");
        h.complete(wf, "w", "{\"k\": \"v\"}");

        assertThat(h.current(wf, "w").outputData.toString()).isEqualTo("{\"k\":\"v\"}");
    }
}
