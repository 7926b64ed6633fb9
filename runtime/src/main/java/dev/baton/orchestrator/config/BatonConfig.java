package dev.baton.orchestrator.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;

/**
 * Baton's settings, under {@code baton.*}. Kafka client settings live under {@code kafka.*} and
 * are passed through to every client unchanged (see {@code KafkaConnection} in the kafka package).
 */
@ConfigurationProperties("baton")
public class BatonConfig {
    /** Where local data lives: the embedded broker's log dirs and the Kafka Streams state. */
    private String dataDir = ".baton-data";
    /** Encoding of Baton's own topics: {@code avro} (Confluent wire format) or {@code json}. */
    private String encoding = "avro";
    /** Kafka Streams application id; instances with the same id share the work. */
    private String applicationId = "baton";
    /** Partitions of the instance-keyed topics (commands, replies, events, state, service topics). */
    private int partitions = 6;
    /** Replication factor of the topics Baton creates. */
    private short replicationFactor = 1;
    /** Topic services reply to unless a task definition says otherwise. */
    private String replyTopic = "baton.replies";
    /**
     * Per-service reply topics: every topic matching this regular expression is read as a reply
     * topic too (e.g. {@code .*\\.replies}); empty means only {@link #replyTopic}. Such topics must
     * have the same partition count as the workflow topics.
     */
    private String replyTopicPattern = "";
    /** Kafka Streams commit interval; under exactly-once it bounds step latency. */
    private long commitIntervalMs = 20;
    /**
     * Records per second under which a record asks for a commit at once (at most one ask per 5 ms) rather than at the
     * commit interval: lower latency while lightly loaded, for some CPU (more transactions); 0 always waits for the
     * interval.
     */
    private long eagerCommitBelowPerSecond = 1_000;
    /** How often due timers are scanned. */
    private long timerResolutionMs = 100;
    /** Number of stream threads. */
    private int streamThreads = 1;
    /** Schema registry URL; empty means the built-in registry inside this orchestrator. */
    private String registryUrl = "";
    /** Standby replicas of each store kept on other instances, for fast failover. */
    private int standbyReplicas = 0;
    /** How long a finished workflow stays queryable before it is removed (and tombstoned in baton.state). */
    private long retentionFinishedMs = 7L * 24 * 3600 * 1000;
    /** RocksDB memory, shared by every store of this JVM: block cache and write buffers (MiB). */
    private long rocksdbBlockCacheMb = 128;

    private long rocksdbWriteBufferMb = 64;
    /** Port of the embedded broker when no bootstrap servers are configured. */
    private int embeddedKafkaPort = 19092;
    /** Controller port of the embedded broker. */
    private int embeddedKafkaControllerPort = 19093;
    /** Host other nodes use to reach this node's HTTP server (Kafka Streams application.server); empty: micronaut.server.host, else 127.0.0.1. */
    private String advertisedHost = "";
    /** Timeout of one query forwarded to another node (connect and response). */
    private long queryTimeoutMs = 2000;
    /** How long a query waits for an instance's owner while partitions move (rebalancing) before it answers 503. */
    private long queryUnavailableWaitMs = 5000;
    /**
     * The largest the variables of one workflow may grow, in KB (Conductor's
     * {@code maxWorkflowVariablesPayloadSizeThreshold}, 256 KB): a SET_VARIABLE beyond it fails.
     */
    private long maxWorkflowVariablesKb = 256;
    /** Instances kept in memory between their steps, per node (MiB); 0 reads every instance from its store each step. */
    private long instanceCacheMb = 128;
    /** Payload limits (Conductor's hard barriers, in KB) and the largest record Baton writes. */
    private final Limits limits = new Limits();
    /** How many tasks one step may schedule before the rest goes on in a later step (CONTINUE). */
    private int maxTasksPerStep = dev.baton.engine.EngineSettings.DEFAULT_MAX_TASKS_PER_STEP;

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath();
    }

    public String getEncoding() {
        return encoding;
    }

    public void setEncoding(String encoding) {
        this.encoding = encoding;
    }

    public boolean isJson() {
        return "json".equalsIgnoreCase(encoding);
    }

    public String getApplicationId() {
        return applicationId;
    }

    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public String getReplyTopic() {
        return replyTopic;
    }

    public void setReplyTopic(String replyTopic) {
        this.replyTopic = replyTopic;
    }

    public String getReplyTopicPattern() {
        return replyTopicPattern;
    }

    public void setReplyTopicPattern(String replyTopicPattern) {
        this.replyTopicPattern = replyTopicPattern;
    }

    public long getCommitIntervalMs() {
        return commitIntervalMs;
    }

    public void setCommitIntervalMs(long commitIntervalMs) {
        this.commitIntervalMs = commitIntervalMs;
    }

    public long getEagerCommitBelowPerSecond() {
        return eagerCommitBelowPerSecond;
    }

    public void setEagerCommitBelowPerSecond(long eagerCommitBelowPerSecond) {
        this.eagerCommitBelowPerSecond = eagerCommitBelowPerSecond;
    }

    public long getTimerResolutionMs() {
        return timerResolutionMs;
    }

    public void setTimerResolutionMs(long timerResolutionMs) {
        this.timerResolutionMs = timerResolutionMs;
    }

    public int getStreamThreads() {
        return streamThreads;
    }

    public void setStreamThreads(int streamThreads) {
        this.streamThreads = streamThreads;
    }

    public String getRegistryUrl() {
        return registryUrl;
    }

    public void setRegistryUrl(String registryUrl) {
        this.registryUrl = registryUrl;
    }

    public int getStandbyReplicas() {
        return standbyReplicas;
    }

    public void setStandbyReplicas(int standbyReplicas) {
        this.standbyReplicas = standbyReplicas;
    }

    public long getRetentionFinishedMs() {
        return retentionFinishedMs;
    }

    public void setRetentionFinishedMs(long retentionFinishedMs) {
        this.retentionFinishedMs = retentionFinishedMs;
    }

    public long getRocksdbBlockCacheMb() {
        return rocksdbBlockCacheMb;
    }

    public void setRocksdbBlockCacheMb(long mb) {
        this.rocksdbBlockCacheMb = mb;
    }

    public long getRocksdbWriteBufferMb() {
        return rocksdbWriteBufferMb;
    }

    public void setRocksdbWriteBufferMb(long mb) {
        this.rocksdbWriteBufferMb = mb;
    }

    public int getEmbeddedKafkaPort() {
        return embeddedKafkaPort;
    }

    public void setEmbeddedKafkaPort(int embeddedKafkaPort) {
        this.embeddedKafkaPort = embeddedKafkaPort;
    }

    public int getEmbeddedKafkaControllerPort() {
        return embeddedKafkaControllerPort;
    }

    public void setEmbeddedKafkaControllerPort(int p) {
        this.embeddedKafkaControllerPort = p;
    }

    public String getAdvertisedHost() {
        return advertisedHost;
    }

    public void setAdvertisedHost(String advertisedHost) {
        this.advertisedHost = advertisedHost;
    }

    public long getQueryTimeoutMs() {
        return queryTimeoutMs;
    }

    public void setQueryTimeoutMs(long queryTimeoutMs) {
        this.queryTimeoutMs = queryTimeoutMs;
    }

    public long getQueryUnavailableWaitMs() {
        return queryUnavailableWaitMs;
    }

    public void setQueryUnavailableWaitMs(long ms) {
        this.queryUnavailableWaitMs = ms;
    }

    public long getMaxWorkflowVariablesKb() {
        return maxWorkflowVariablesKb;
    }

    public void setMaxWorkflowVariablesKb(long kb) {
        this.maxWorkflowVariablesKb = kb;
    }

    public int getMaxTasksPerStep() {
        return maxTasksPerStep;
    }

    public void setMaxTasksPerStep(int maxTasksPerStep) {
        this.maxTasksPerStep = maxTasksPerStep;
    }
    /** The limits the engine enforces, as configured. */
    public dev.baton.engine.EngineSettings engineSettings() {
        return new dev.baton.engine.EngineSettings(
                maxWorkflowVariablesKb * 1024,
                maxTasksPerStep,
                new dev.baton.engine.PayloadLimits(
                        limits.maxWorkflowInputKb << 10,
                        limits.maxWorkflowOutputKb << 10,
                        limits.maxTaskInputKb << 10,
                        limits.maxTaskOutputKb << 10,
                        (long) maxRecordBytes()),
                retentionFinishedMs,
                ProcessEnvironment.INSTANCE);
    }

    /** How documents are kept in the state stores. */
    public dev.baton.orchestrator.state.StateLimits stateLimits() {
        return new dev.baton.orchestrator.state.StateLimits(
                limits.inlineKb << 10, limits.chunkKb << 10, limits.headerTaskKb << 10, limits.headerTasks);
    }

    /** The largest record Baton writes to any topic. */
    public int maxRecordBytes() {
        return (int) (limits.maxRecordKb << 10);
    }

    /** How long a stop waits for Kafka Streams to close before going on (the process stops within 10 s). */
    private long shutdownTimeoutMs = 5000;

    private final Health health = new Health();

    public long getShutdownTimeoutMs() {
        return shutdownTimeoutMs;
    }

    public void setShutdownTimeoutMs(long ms) {
        this.shutdownTimeoutMs = ms;
    }

    public Health getHealth() {
        return health;
    }

    /** {@code baton.health.*}: when the probes report a node not ready, or not alive. */
    @io.micronaut.context.annotation.ConfigurationProperties("health")
    public static class Health {
        /** How long a stream thread may be other than RUNNING (a rebalance, a restore) before readiness is DOWN. */
        private long notRunningGraceMs = 10_000;
        /** Thread replacements within this window are counted. */
        private long replacementWindowMs = 300_000;
        /** This many replacements within the window make readiness and liveness DOWN. */
        private int maxThreadReplacements = 3;

        public long getNotRunningGraceMs() {
            return notRunningGraceMs;
        }

        public void setNotRunningGraceMs(long v) {
            this.notRunningGraceMs = v;
        }

        public long getReplacementWindowMs() {
            return replacementWindowMs;
        }

        public void setReplacementWindowMs(long v) {
            this.replacementWindowMs = v;
        }

        public int getMaxThreadReplacements() {
            return maxThreadReplacements;
        }

        public void setMaxThreadReplacements(int v) {
            this.maxThreadReplacements = v;
        }
    }

    public long getInstanceCacheMb() {
        return instanceCacheMb;
    }

    public void setInstanceCacheMb(long mb) {
        this.instanceCacheMb = mb;
    }

    public Limits getLimits() {
        return limits;
    }

    /** {@code baton.limits.*}: sizes in KB. */
    @io.micronaut.context.annotation.ConfigurationProperties("limits")
    public static class Limits {
        private long maxWorkflowInputKb = 10240;
        private long maxWorkflowOutputKb = 10240;
        private long maxTaskInputKb = 10240;
        private long maxTaskOutputKb = 10240;
        /** The largest record Baton writes (stay under the producer's max.request.size, 1 MiB by default). */
        private long maxRecordKb = 900;
        /** Documents up to this size stay inside their state record; larger ones are chunked out of line. */
        private int inlineKb = 8;

        private int chunkKb = 32;
        /** The newest tasks ride in their instance's header while they take no more than this (0: never). */
        private int headerTaskKb = dev.baton.orchestrator.state.StateLimits.DEFAULT_HEADER_TASK_BYTES >> 10;
        /** ... and while they number no more than this. */
        private int headerTasks = dev.baton.orchestrator.state.StateLimits.DEFAULT_HEADER_TASKS;

        public long getMaxWorkflowInputKb() {
            return maxWorkflowInputKb;
        }

        public void setMaxWorkflowInputKb(long v) {
            this.maxWorkflowInputKb = v;
        }

        public long getMaxWorkflowOutputKb() {
            return maxWorkflowOutputKb;
        }

        public void setMaxWorkflowOutputKb(long v) {
            this.maxWorkflowOutputKb = v;
        }

        public long getMaxTaskInputKb() {
            return maxTaskInputKb;
        }

        public void setMaxTaskInputKb(long v) {
            this.maxTaskInputKb = v;
        }

        public long getMaxTaskOutputKb() {
            return maxTaskOutputKb;
        }

        public void setMaxTaskOutputKb(long v) {
            this.maxTaskOutputKb = v;
        }

        public long getMaxRecordKb() {
            return maxRecordKb;
        }

        public void setMaxRecordKb(long v) {
            this.maxRecordKb = v;
        }

        public int getInlineKb() {
            return inlineKb;
        }

        public void setInlineKb(int v) {
            this.inlineKb = v;
        }

        public int getChunkKb() {
            return chunkKb;
        }

        public void setChunkKb(int v) {
            this.chunkKb = v;
        }

        public int getHeaderTaskKb() {
            return headerTaskKb;
        }

        public void setHeaderTaskKb(int v) {
            this.headerTaskKb = v;
        }

        public int getHeaderTasks() {
            return headerTasks;
        }

        public void setHeaderTasks(int v) {
            this.headerTasks = v;
        }
    }
}
