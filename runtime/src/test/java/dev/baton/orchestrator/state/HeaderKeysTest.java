package dev.baton.orchestrator.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A search reads a header's keys without its documents. */
class HeaderKeysTest {
    private static final AtomicInteger READS = new AtomicInteger();
    private static final JsonFields INLINE = new JsonFields() {
        @Override
        public Object write(String owner, Object document) {
            return document == null ? null : document.toString();
        }

        @Override
        public JsonNode read(String owner, Object value) {
            READS.incrementAndGet();
            try {
                return value == null ? null : StateCodec.JSON.readTree(value.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    };

    @Test
    void readsTheSearchKeysOfAStoredHeader() {
        WorkflowInstance wf = new WorkflowInstance();
        wf.workflowId = "wf-1";
        wf.workflowName = "booking";
        wf.workflowVersion = 3;
        wf.status = WorkflowStatus.PAUSED;
        wf.correlationId = "BK-7";
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("passenger", "P BK-7");
        input.put("blob", "x".repeat(10_000));
        wf.input = input;
        wf.startTime = 1_700_000_000_123L;
        wf.updateTime = 1_700_000_000_456L;
        byte[] stored = StateCodec.encode(StateCodec.header(wf, 4, INLINE));

        READS.set(0);
        HeaderKeys.Key k = HeaderKeys.read(stored);
        assertThat(k).isEqualTo(new HeaderKeys.Key("wf-1", "booking", "PAUSED", "BK-7", 1_700_000_000_123L));
        assertThat(READS).as("no document read").hasValue(0);
    }

    @Test
    void readsAHeaderWithoutCorrelationIdOrStatus() {
        WorkflowInstance wf = new WorkflowInstance();
        wf.workflowId = "wf-2";
        wf.workflowName = "w";
        wf.startTime = 5;
        HeaderKeys.Key k = HeaderKeys.read(StateCodec.encode(StateCodec.header(wf, 1, INLINE)));
        assertThat(k).isEqualTo(new HeaderKeys.Key("wf-2", "w", null, null, 5));
    }
}
