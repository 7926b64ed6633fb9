package dev.baton.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real in-process Kafka (KRaft) cluster through {@link KafkaExtension}.
 *
 * <p>By default the class gets the single-node cluster shared by the whole test JVM. With
 * {@code brokers > 1} or {@code isolated = true} the class gets a cluster of its own, started before its
 * first test and stopped after its last, so it may stop and restart nodes.
 *
 * <pre>{@code
 * @KafkaCluster
 * class OrderFlowTest {
 *     @Test
 *     void flows(KafkaTestCluster kafka) {
 *         kafka.createTopic("orders", 3);
 *     }
 * }
 * }</pre>
 *
 * May also be used as a meta-annotation.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaExtension.class)
public @interface KafkaCluster {

    /** Number of combined broker+controller nodes; more than one always means a cluster per test class. */
    int brokers() default 1;

    /** A single-node cluster for this class alone instead of the JVM-wide shared one. */
    boolean isolated() default false;
}
