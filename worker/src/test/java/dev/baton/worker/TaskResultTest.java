package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskResultTest {

    @Test
    void factories() {
        assertThat(TaskResult.completed(Map.of("a", "b")).output().get("a").asText())
                .isEqualTo("b");
        assertThat(TaskResult.completed().status()).isEqualTo(TaskStatus.COMPLETED);
        TaskResult failed = TaskResult.failed("nope");
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.reason()).isEqualTo("nope");
        assertThat(failed.output().get("reason").asText()).isEqualTo("nope");
        assertThat(TaskResult.failedTerminal("x").status()).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        TaskResult wip = TaskResult.inProgress(5);
        assertThat(wip.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(wip.callbackAfterSeconds()).isEqualTo(5);
        assertThatThrownBy(() -> TaskResult.inProgress(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailureWithItsOwnOutputKeepsTheOutputAsGivenAndTheReasonBesideIt() {
        var output = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("response", "text");
        TaskResult failed = TaskResult.failedWithOutput("why", output);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.reason()).isEqualTo("why");
        assertThat(failed.output().toString()).isEqualTo("{\"response\":\"text\"}");
        TaskResult terminal = TaskResult.failedTerminalWithOutput(null, output);
        assertThat(terminal.status()).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(terminal.reason()).isEqualTo("failed_with_terminal_error");
        assertThat(terminal.output().has("reason")).isFalse();
    }
}
