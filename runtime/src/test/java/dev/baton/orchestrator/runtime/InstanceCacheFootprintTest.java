package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.state.InstanceCache;
import dev.baton.orchestrator.state.InstanceStore;
import dev.baton.orchestrator.state.StateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * The instance cache's bound is in heap bytes: what it counts for its instances must not fall below
 * what their object graphs take on the heap (measured with JOL), nor overstate it by more than three
 * times. Instances are made by the real topology, then loaded into a cache of their own.
 */
class InstanceCacheFootprintTest {
    static {
        // JOL reads fields' offsets this way on JDK 17+ without opening java.base to it
        System.setProperty("jol.magicFieldOffset", "true");
    }

    private TopologyDriver t;

    @BeforeEach
    void setUp() {
        t = new TopologyDriver(null);
        t.define("workflow:waiting:1", """
                {"name": "waiting", "version": 1, "tasks": [
                  {"name": "wait", "taskReferenceName": "w", "type": "WAIT"}]}""");
        t.define("workflow:two:1", TopologyDriver.noops("two", 2));
        t.define("workflow:twenty:1", TopologyDriver.noops("twenty", 20));
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void waitingInstancesAreCountedAtLeastAtTheirHeapSize() {
        assertWithinBounds("waiting", 400, "{\"n\": 1, \"who\": \"someone@example.com\"}");
    }

    @Test
    void finishedTwoTaskInstancesAreCountedAtLeastAtTheirHeapSize() {
        assertWithinBounds("two", 400, "{\"n\": 2}");
    }

    @Test
    void twentyTaskInstancesAreCountedAtLeastAtTheirHeapSize() {
        assertWithinBounds("twenty", 50, "{\"n\": 3}");
    }

    private void assertWithinBounds(String workflow, int n, String input) {
        for (int i = 0; i < n; i++) {
            t.start(workflow + "-" + i, workflow, input);
        }
        InstanceCache empty = new InstanceCache(1L << 30);
        long emptyHeap = GraphLayout.parseInstance(empty).totalSize();
        InstanceCache cache = new InstanceCache(1L << 30);
        InstanceStore store = new InstanceStore(
                t.driver.getKeyValueStore(Topics.WORKFLOW_STORE),
                t.driver.getKeyValueStore(Topics.INSTANCE_STORE),
                cache,
                0,
                StateLimits.defaults());
        for (int i = 0; i < n; i++) {
            assertThat(store.load(workflow + "-" + i)).isNotNull();
        }
        long counted = cache.weightedBytes();
        long heap = GraphLayout.parseInstance(cache).totalSize() - emptyHeap;
        System.out.printf(
                "instance cache, %d %s instances: counted %d B each, heap %d B each%n",
                n, workflow, counted / n, heap / n);
        assertThat(counted).as("counted bytes against heap bytes").isGreaterThanOrEqualTo(heap);
        assertThat(counted).as("counted bytes against heap bytes").isLessThanOrEqualTo(3 * heap);
    }
}
