package dev.baton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.TaskResult;
import dev.baton.worker.TaskWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The echo services on Baton's worker library: one {@link TaskWorker} per echo task type, each
 * answering COMPLETED with a small output ({@code {"n": <input n>, "by": <task ref>}}).
 */
final class EchoServices implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<TaskWorker> workers = new ArrayList<>();
    private volatile Consumer<String> sampler;

    EchoServices(String bootstrap, int partitions, int threadsPerType, Map<String, Object> clientProperties) {
        for (int i = 1; i <= Workload.ECHO_TYPES; i++) {
            workers.add(TaskWorker.builder()
                    .bootstrapServers(bootstrap)
                    .taskType(Workload.echoType(i))
                    .properties(clientProperties)
                    .partitions(partitions)
                    .threads(threadsPerType)
                    .handler(ctx -> {
                        Consumer<String> s = sampler;
                        if (s != null) {
                            s.accept(ctx.workflowId());
                        }
                        ObjectNode out = JSON.createObjectNode();
                        out.set("n", ctx.input().get("n"));
                        out.put("by", ctx.taskRef());
                        return TaskResult.completed(out);
                    })
                    .build());
        }
    }

    EchoServices start() throws InterruptedException {
        for (TaskWorker w : workers) {
            w.start();
        }
        for (TaskWorker w : workers) {
            if (!w.awaitAssignment(Duration.ofSeconds(60))) {
                throw new IllegalStateException("echo worker " + w.taskType() + " got no partitions in 60 s");
            }
        }
        return this;
    }

    /** Called with the workflow id of every command handled while set (null: off). */
    void sampler(Consumer<String> sampler) {
        this.sampler = sampler;
    }

    @Override
    public void close() {
        workers.forEach(TaskWorker::close);
    }
}
