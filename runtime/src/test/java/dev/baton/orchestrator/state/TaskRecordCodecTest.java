package dev.baton.orchestrator.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.engine.model.TaskLog;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every field of a task survives its state record: written, encoded, decoded and read back. */
class TaskRecordCodecTest {
    private static final JsonFields INLINE = new JsonFields() {
        @Override
        public Object write(String owner, Object document) {
            return document == null ? null : document.toString();
        }

        @Override
        public JsonNode read(String owner, Object value) {
            try {
                return value == null ? null : StateCodec.JSON.readTree(value.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    };

    @Test
    void aTaskWithEveryFieldSetReadsBackEqual() throws Exception {
        TaskState t = sample();
        for (Field f : TaskState.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                Object v = f.get(t);
                assertThat(v).as("the sample sets %s", f.getName()).isNotNull().isNotIn(0, 0L, false);
            }
        }

        TaskState back = StateCodec.task(
                StateCodec.decodeTask(StateCodec.encode(StateCodec.task(t, "wf", INLINE))), "wf", INLINE);

        assertThat(back).isEqualTo(t);
        assertThat(back.startDelayInSeconds).isEqualTo(20);
        assertThat(back.firstScheduledTime).isEqualTo(1_700_000_000_005L);
    }

    @Test
    void twoRecordsOfTheSameTaskAreTheSameButForTheirStampWhateverItsSize() {
        TaskState t = sample();
        t.taskId = "t-".repeat(100); // a length that takes two bytes
        assertThat(StateCodec.sameTaskButStamp(encoded(t, 1), encoded(t, 300_000)))
                .isTrue();
        assertThat(StateCodec.sameTaskButStamp(encoded(t, 7), encoded(t, 7))).isTrue();

        TaskState changed = sample();
        changed.taskId = t.taskId;
        changed.status = TaskStatus.COMPLETED;
        assertThat(StateCodec.sameTaskButStamp(encoded(t, 1), encoded(changed, 1)))
                .isFalse();
        changed = sample();
        changed.taskId = t.taskId;
        changed.pos = 4;
        assertThat(StateCodec.sameTaskButStamp(encoded(t, 1), encoded(changed, 2)))
                .isFalse();
        changed.pos = t.pos;
        changed.outputData = JsonNodeFactory.instance.objectNode().put("out", 3);
        assertThat(StateCodec.sameTaskButStamp(encoded(t, 1), encoded(changed, 2)))
                .isFalse();
        assertThat(StateCodec.sameTaskButStamp(encoded(sample(), 1), encoded(t, 1)))
                .isFalse();
    }

    private static byte[] encoded(TaskState t, long written) {
        dev.baton.state.TaskRecord r = StateCodec.task(t, "wf", INLINE);
        r.setWritten(written);
        return StateCodec.encode(r);
    }

    private static TaskState sample() {
        TaskState t = new TaskState();
        t.taskId = "t-1";
        t.pos = 3;
        t.referenceTaskName = "step__2";
        t.taskDefName = "step_def";
        t.taskType = "SIMPLE";
        t.status = TaskStatus.SCHEDULED;
        t.retryCount = 2;
        t.defIndex = 4;
        t.defRef = "step";
        t.iteration = 2;
        t.seq = 7;
        t.retriedTaskId = "t-0";
        t.callbackAfterSeconds = 20;
        t.startDelayInSeconds = 20;
        t.firstScheduledTime = 1_700_000_000_005L;
        t.pollCount = 5;
        t.subWorkflowId = "child-1";
        t.compensationOf = "t-9";
        t.executed = true;
        t.inputData = JsonNodeFactory.instance.objectNode().put("in", 1);
        t.outputData = JsonNodeFactory.instance.objectNode().put("out", 2);
        t.reasonForIncompletion = "it broke";
        t.scheduledTime = 1_700_000_000_010L;
        t.startTime = 1_700_000_000_020L;
        t.endTime = 1_700_000_000_030L;
        t.retried = true;
        t.awaitingDispatch = true;
        t.logs = List.of(new TaskLog("a line", 1_700_000_000_025L));
        t.slaBreached = true;
        return t;
    }
}
