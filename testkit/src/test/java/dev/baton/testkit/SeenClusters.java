package dev.baton.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Records the shared cluster instances that different test classes were given. */
final class SeenClusters {

    static final Set<KafkaTestCluster> SHARED = ConcurrentHashMap.newKeySet();

    private SeenClusters() {}
}
