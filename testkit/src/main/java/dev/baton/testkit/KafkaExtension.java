package dev.baton.testkit;

import dev.baton.kafka.embedded.EmbeddedKafkaCluster;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * JUnit 5 extension handing out a real in-process Kafka cluster as a {@link KafkaTestCluster}.
 *
 * <p>Use {@link KafkaCluster @KafkaCluster} (or {@code @ExtendWith(KafkaExtension.class)}, which means the
 * shared single-node cluster). The cluster is injected into test constructor, method and lifecycle
 * method parameters of type {@link KafkaTestCluster}, and into fields of that type: static fields before
 * {@code @BeforeAll}, instance fields after the test instance is created.
 *
 * <p>The single-node cluster is shared by the whole JVM: started lazily on first use and closed when the
 * JUnit root context closes. A class asking for several brokers or an isolated cluster gets its own,
 * closed after the class (and shared with its {@code @Nested} classes).
 */
public final class KafkaExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);
    private static final String SHARED_KEY = "shared-cluster";

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        Class<?> testClass = context.getRequiredTestClass();
        for (Field field : ReflectionSupport.findFields(
                testClass, KafkaExtension::isInjectable, HierarchyTraversalMode.TOP_DOWN)) {
            if (ModifierSupport.isStatic(field)) {
                inject(field, null, cluster(context));
            }
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        for (Field field : ReflectionSupport.findFields(
                testInstance.getClass(), KafkaExtension::isInjectable, HierarchyTraversalMode.TOP_DOWN)) {
            if (!ModifierSupport.isStatic(field)) {
                inject(field, testInstance, cluster(context));
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaTestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return cluster(extensionContext);
    }

    /** The cluster for the test class of {@code context}, started on first request. */
    static KafkaTestCluster cluster(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        KafkaCluster config = findConfig(testClass).orElse(null);
        int brokers = config == null ? 1 : config.brokers();
        if (brokers < 1) {
            throw new ExtensionConfigurationException(
                    "@KafkaCluster(brokers = " + brokers + ") on " + testClass.getName());
        }
        boolean isolated = config != null && config.isolated();
        if (brokers == 1 && !isolated) {
            return context.getRoot()
                    .getStore(NAMESPACE)
                    .getOrComputeIfAbsent(
                            SHARED_KEY,
                            k -> new SharedClusterResource(SharedCluster.get()),
                            SharedClusterResource.class)
                    .cluster;
        }
        ExtensionContext classContext = classContext(context);
        String key = "own-cluster-" + brokers + (isolated ? "-isolated" : "");
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> new OwnClusterResource(brokers), OwnClusterResource.class)
                .cluster;
    }

    /** {@code @KafkaCluster} on the class, its superclasses, meta-annotations or enclosing classes. */
    private static Optional<KafkaCluster> findConfig(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<KafkaCluster> found = AnnotationSupport.findAnnotation(c, KafkaCluster.class);
            if (found.isPresent()) {
                return found;
            }
            if (Modifier.isStatic(c.getModifiers())) {
                break; // only @Nested (inner) classes inherit from their enclosing class
            }
        }
        return Optional.empty();
    }

    /** The nearest class-level context (a method context's parent, or the context itself). */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static boolean isInjectable(Field field) {
        return field.getType() == KafkaTestCluster.class && !ModifierSupport.isFinal(field);
    }

    private static void inject(Field field, Object target, KafkaTestCluster cluster) throws IllegalAccessException {
        field.setAccessible(true);
        field.set(target, cluster);
    }

    /** Closes the JVM-wide shared cluster when JUnit closes the root store. */
    @SuppressWarnings("deprecation")
    private static final class SharedClusterResource
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final KafkaTestCluster cluster;

        SharedClusterResource(KafkaTestCluster cluster) {
            this.cluster = cluster;
        }

        @Override
        public void close() {
            SharedCluster.close();
        }
    }

    /** A cluster owned by one test class, closed with the class context. */
    @SuppressWarnings("deprecation")
    private static final class OwnClusterResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final KafkaTestCluster cluster;
        private boolean closed;

        OwnClusterResource(int brokers) {
            this.cluster = new KafkaTestCluster(
                    EmbeddedKafkaCluster.builder().nodes(brokers).build().start(), false);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                cluster.close();
            }
        }
    }
}
