package dev.baton.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The context built for one template gives every expression the value the whole-instance context gives. */
class ExpressionContextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WorkflowInstance instance() {
        WorkflowInstance wf = new WorkflowInstance();
        wf.workflowId = "wf-1";
        wf.workflowName = "w";
        wf.status = WorkflowStatus.RUNNING;
        wf.input = JSON.createObjectNode().put("x", 1);
        wf.variables = JSON.createObjectNode().put("v", "var");
        add(wf, "t1", "t1", 0, "{\"a\": 1, \"list\": [1, 2, 3]}");
        add(wf, "loop", "loop", 0, "{\"iteration\": 2}");
        add(wf, "body__1", "body", 1, "{\"n\": 1}");
        add(wf, "body__2", "body", 2, "{\"n\": 2}");
        add(wf, "t1", "t1", 0, "{\"a\": 2, \"list\": []}"); // a newer attempt of t1
        return wf;
    }

    private static void add(WorkflowInstance wf, String ref, String defRef, int iteration, String output) {
        TaskState t = new TaskState();
        t.taskId = "id-" + wf.tasks.size();
        t.referenceTaskName = ref;
        t.defRef = defRef;
        t.iteration = iteration;
        t.taskType = "SIMPLE";
        t.status = TaskStatus.COMPLETED;
        t.inputData = JSON.createObjectNode();
        try {
            t.outputData = (ObjectNode) JSON.readTree(output);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        wf.addTask(t);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "${t1.output.a}",
                "${$.t1.output.list.length()}",
                "${body.output.n}",
                "${body__1.output.n}",
                "${loop.output.iteration}",
                "${workflow.input.x} and ${workflow.variables.v}",
                "${$['t1'].output.a}",
                "${missing.output.x}",
                "${t1.status}",
                "${body__2.taskId}"
            })
    void aTemplateContextAnswersAsTheWholeInstanceDoes(String expression) {
        WorkflowInstance wf = instance();
        ObjectNode template = JSON.createObjectNode().put("value", expression);
        JsonNode whole = ParameterResolver.resolve(template, ExpressionContext.of(wf));
        JsonNode targeted = ParameterResolver.resolve(template, ExpressionContext.forTemplate(wf, template));
        assertThat(targeted).isEqualTo(whole);
    }

    @Test
    void itHoldsOnlyWhatTheTemplateReads() {
        WorkflowInstance wf = instance();
        ObjectNode template = JSON.createObjectNode().put("a", "${t1.output.a}");
        ObjectNode context = ExpressionContext.forTemplate(wf, template);
        Set<String> keys = new HashSet<>();
        context.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("workflow", "t1");
    }

    @Test
    void rootsAreFoundInEveryExpressionForm() {
        Set<String> roots = new HashSet<>();
        assertThat(ExpressionRoots.root("a.b", roots)).isTrue();
        assertThat(ExpressionRoots.root("$.c[0]", roots)).isTrue();
        assertThat(ExpressionRoots.root("$['d e'].x", roots)).isTrue();
        assertThat(ExpressionRoots.root("f[1]", roots)).isTrue();
        assertThat(roots).containsExactlyInAnyOrder("a", "c", "d e", "f");
        assertThat(ExpressionRoots.root("$..x", roots)).isFalse();
        assertThat(ExpressionRoots.root("$.*.output", roots)).isFalse();
        assertThat(ExpressionRoots.root("$['a','b']", roots)).isFalse();
    }
}
