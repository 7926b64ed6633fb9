package dev.baton.orchestrator.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowDef;
import dev.baton.dsl.WorkflowTask;
import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.TopicManager;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.TaskReplyStatus;
import dev.baton.protocol.WorkflowControl;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes to Baton's input topics: definitions to the definitions topic (validated first; an
 * invalid definition is refused whole) and control commands to the commands topic.
 */
public final class WorkflowClient implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final ProtocolCodec codec;
    private final TopicManager topics;

    public WorkflowClient(Map<String, Object> clientProperties, BatonConfig config, ProtocolCodec codec) {
        Map<String, Object> p = new java.util.HashMap<>(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.codec = codec;
        this.topics = new TopicManager(clientProperties, config);
    }

    /** Registers task definitions and creates their command topics. */
    public void registerTaskDefs(List<TaskDef> defs) {
        defs.forEach(d -> DefinitionParser.task(DefinitionParser.toJson(d)));
        topics.createServiceTopics(
                defs.stream().map(TaskDef::commandTopicOrDefault).toList());
        topics.createServiceTopics(defs.stream()
                .map(TaskDef::replyTopic)
                .filter(t -> t != null && !t.isBlank())
                .toList());
        for (TaskDef d : defs) {
            await(producer.send(new ProducerRecord<>(
                    Topics.DEFINITIONS,
                    d.definitionKey(),
                    DefinitionParser.toJson(d).getBytes(StandardCharsets.UTF_8))));
        }
    }

    /** Registers (or replaces) one version of a workflow definition. */
    public void registerWorkflow(WorkflowDef def) {
        DefinitionParser.workflow(DefinitionParser.toJson(def));
        topics.createServiceTopics(def.tasks().stream()
                .filter(t -> t.kind() == TaskKind.SIMPLE)
                .map(WorkflowTask::name)
                .map(n -> TaskDef.defaultsFor(n).commandTopicOrDefault())
                .toList());
        await(producer.send(new ProducerRecord<>(
                Topics.DEFINITIONS,
                def.definitionKey(),
                DefinitionParser.toJson(def).getBytes(StandardCharsets.UTF_8))));
    }

    /** Deletes a task definition: a tombstone on the definitions topic (returns once the broker has it). */
    public void deleteTaskDef(String name) {
        await(producer.send(new ProducerRecord<>(Topics.DEFINITIONS, dev.baton.dsl.DefinitionKeys.task(name), null)));
    }

    /** Deletes one version of a workflow definition: a tombstone on the definitions topic. */
    public void deleteWorkflowDef(String name, int version) {
        await(producer.send(
                new ProducerRecord<>(Topics.DEFINITIONS, dev.baton.dsl.DefinitionKeys.workflow(name, version), null)));
    }

    /** Starts a workflow; returns its id at once (the start itself is asynchronous). */
    public String start(String name, Integer version, ObjectNode input, String correlationId) {
        String id = UUID.randomUUID().toString();
        start(id, name, version, input, correlationId, null);
        return id;
    }

    /** Starts a workflow under a given id (the caller chose it, e.g. derived from an idempotency key). */
    public void start(
            String workflowId,
            String name,
            Integer version,
            ObjectNode input,
            String correlationId,
            String idempotencyKey) {
        start(workflowId, name, version, input, correlationId, idempotencyKey, null);
    }

    /** As above, with Conductor's taskToDomain (task name or {@code *} to a domain list; null or empty: none). */
    public void start(
            String workflowId,
            String name,
            Integer version,
            ObjectNode input,
            String correlationId,
            String idempotencyKey,
            Map<String, String> taskToDomain) {
        send(base(workflowId, ControlType.START)
                .setWorkflowName(name)
                .setWorkflowVersion(version)
                .setInput(input == null ? null : input.toString())
                .setCorrelationId(correlationId)
                .setIdempotencyKey(idempotencyKey)
                .setTaskToDomain(domains(taskToDomain))
                .build());
    }

    /** Starts a workflow from an inline definition (not registered). */
    public void startInline(String workflowId, WorkflowDef def, ObjectNode input, String correlationId) {
        startInline(workflowId, def, input, correlationId, null);
    }

    /** Starts a workflow from an inline definition, with Conductor's taskToDomain (may be null). */
    public void startInline(
            String workflowId,
            WorkflowDef def,
            ObjectNode input,
            String correlationId,
            Map<String, String> taskToDomain) {
        send(base(workflowId, ControlType.START)
                .setWorkflowName(def.name())
                .setWorkflowVersion(def.version())
                .setDefinition(DefinitionParser.toJson(def))
                .setInput(input == null ? null : input.toString())
                .setCorrelationId(correlationId)
                .setTaskToDomain(domains(taskToDomain))
                .build());
    }

    private static Map<String, String> domains(Map<String, String> taskToDomain) {
        return taskToDomain == null || taskToDomain.isEmpty() ? null : Map.copyOf(taskToDomain);
    }

    /** Creates topics (as service command topics: Baton's partitions and replication) that are missing. */
    public void createTopics(java.util.Collection<String> names) {
        topics.createServiceTopics(names);
    }

    public void restart(String workflowId, boolean useLatestDefinition) {
        send(base(workflowId, ControlType.RESTART)
                .setUseLatestDefinition(useLatestDefinition)
                .build());
    }

    public void retry(String workflowId) {
        send(base(workflowId, ControlType.RETRY).build());
    }

    /** Retries the failed tasks; with {@code resumeSubworkflowTasks} a failed sub-workflow's child is retried in place. */
    public void retry(String workflowId, boolean resumeSubworkflowTasks) {
        send(base(workflowId, ControlType.RETRY)
                .setResumeSubworkflowTasks(resumeSubworkflowTasks ? Boolean.TRUE : null)
                .build());
    }

    /** Reruns from a task reference (null: from the start), optionally with new task or workflow input. */
    public void rerun(String workflowId, String fromTaskRef, ObjectNode taskInput, ObjectNode workflowInput) {
        rerun(workflowId, fromTaskRef, taskInput, workflowInput, null);
    }

    /** As above; a non-null {@code correlationId} becomes the workflow's. */
    public void rerun(
            String workflowId,
            String fromTaskRef,
            ObjectNode taskInput,
            ObjectNode workflowInput,
            String correlationId) {
        send(base(workflowId, ControlType.RERUN)
                .setTaskRef(fromTaskRef)
                .setTaskInput(taskInput == null ? null : taskInput.toString())
                .setInput(workflowInput == null ? null : workflowInput.toString())
                .setCorrelationId(correlationId)
                .build());
    }

    public void skipTask(String workflowId, String taskRef, ObjectNode taskInput, ObjectNode taskOutput) {
        send(base(workflowId, ControlType.SKIP_TASK)
                .setTaskRef(taskRef)
                .setTaskInput(taskInput == null ? null : taskInput.toString())
                .setTaskOutput(taskOutput == null ? null : taskOutput.toString())
                .build());
    }

    /** Completes (or fails) a waiting task (WAIT, HUMAN, or any task by reference), adding the output to the task's. */
    public void signal(String workflowId, String taskRef, TaskReplyStatus status, ObjectNode output, String reason) {
        signal(workflowId, taskRef, status, output, reason, false);
    }

    /** As above; with {@code replaceOutput}, the output given replaces the task's (Conductor's update by task id). */
    public void signal(
            String workflowId,
            String taskRef,
            TaskReplyStatus status,
            ObjectNode output,
            String reason,
            boolean replaceOutput) {
        send(base(workflowId, ControlType.SIGNAL)
                .setTaskRef(taskRef)
                .setTaskStatus(status)
                .setTaskOutput(output == null ? null : output.toString())
                .setReason(reason)
                .setReplaceOutput(replaceOutput ? Boolean.TRUE : null)
                .build());
    }

    /**
     * Merges values into a running (or paused) workflow's variables; with {@code appendArray}, a
     * value for a variable that holds an array is appended to it.
     */
    public void updateVariables(String workflowId, ObjectNode variables, boolean appendArray) {
        send(base(workflowId, ControlType.UPDATE_VARIABLES)
                .setInput(variables == null ? null : variables.toString())
                .setAppendArray(appendArray)
                .build());
    }

    /**
     * Writes a command the caller built itself (for instance with a deterministic {@code commandId},
     * so that a redelivered request is recognisable); the future completes when Kafka has it.
     */
    public Future<RecordMetadata> submit(WorkflowControl command) {
        return producer.send(
                new ProducerRecord<>(Topics.COMMANDS, command.getWorkflowId(), codec.encodeControl(command)));
    }

    /** Removes an instance (running or not) from the stores and tombstones it in the state topic. */
    public void delete(String workflowId) {
        send(base(workflowId, ControlType.DELETE).build());
    }

    private static WorkflowControl.Builder base(String workflowId, ControlType type) {
        return WorkflowControl.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setWorkflowId(workflowId)
                .setType(type)
                .setRequestedBy("api")
                .setTimestamp(System.currentTimeMillis());
    }

    public void pause(String workflowId) {
        control(workflowId, ControlType.PAUSE, null);
    }

    public void resume(String workflowId) {
        control(workflowId, ControlType.RESUME, null);
    }

    /** Conductor's resetcallbacks: the workflow's worker tasks waiting out a callback show none any more. */
    public void resetCallbacks(String workflowId) {
        control(workflowId, ControlType.RESET_CALLBACKS, null);
    }

    public void terminate(String workflowId, String reason) {
        control(workflowId, ControlType.TERMINATE, reason);
    }

    private void control(String workflowId, ControlType type, String reason) {
        send(WorkflowControl.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setWorkflowId(workflowId)
                .setType(type)
                .setReason(reason)
                .setRequestedBy("api")
                .setTimestamp(System.currentTimeMillis())
                .build());
    }

    private void send(WorkflowControl c) {
        producer.send(new ProducerRecord<>(Topics.COMMANDS, c.getWorkflowId(), codec.encodeControl(c)));
    }

    /** Waits until everything sent so far is acknowledged. */
    public void flush() {
        producer.flush();
    }

    private static RecordMetadata await(Future<RecordMetadata> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "write to Kafka failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        topics.close();
    }
}
