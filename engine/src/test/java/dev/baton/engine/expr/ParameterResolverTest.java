package dev.baton.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.Test;

/** Conductor parameter templates: {@code ${...}} expressions over the workflow and its tasks. */
class ParameterResolverTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final JsonNode CONTEXT = json("""
            {
              "workflow": {"input": {"name": "Ada", "n": 42, "price": 9.5, "flag": false, "nothing": null, "which": "name",
                                     "address": {"city": "Oslo", "zip": "0150"},
                                     "tags": ["a", "b", "c"]}},
              "t1": {"output": {"items": [{"sku": "x-1", "qty": 1}, {"sku": "y-2", "qty": 5}, {"sku": "z-3", "qty": 7}],
                                "total": 13}}
            }
            """);

    private static JsonNode resolve(String templateValue) {
        return ParameterResolver.resolveValue(json(templateValue), CONTEXT);
    }

    @Test
    void aSingleExpressionKeepsItsJsonType() {
        assertThat(resolve("\"${workflow.input.n}\"")).isEqualTo(json("42"));
        assertThat(resolve("\"${workflow.input.n}\"").isIntegralNumber()).isTrue();
        assertThat(resolve("\"${workflow.input.price}\"")).isEqualTo(json("9.5"));
        assertThat(resolve("\"${workflow.input.flag}\"")).isEqualTo(json("false"));
        assertThat(resolve("\"${workflow.input.flag}\"").isBoolean()).isTrue();
        assertThat(resolve("\"${workflow.input.address}\"")).isEqualTo(json("{\"city\": \"Oslo\", \"zip\": \"0150\"}"));
        assertThat(resolve("\"${workflow.input.tags}\"")).isEqualTo(json("[\"a\", \"b\", \"c\"]"));
        assertThat(resolve("\"${workflow.input.name}\"")).isEqualTo(TextNode.valueOf("Ada"));
        assertThat(resolve("\"${workflow.input.address.zip}\"")).isEqualTo(TextNode.valueOf("0150"));
        assertThat(resolve("\"${workflow.input.nothing}\"").isNull()).isTrue();
    }

    @Test
    void anExpressionInsideAnotherIsResolvedFirst() {
        // as Conductor 3.32.1 answered for ${workflow.input.${workflow.input.key}}
        assertThat(resolve("\"${workflow.input.${workflow.input.which}}\"")).isEqualTo(TextNode.valueOf("Ada"));
    }

    @Test
    void mixedTextInterpolates() {
        assertThat(resolve("\"Hello ${workflow.input.name}, you have ${workflow.input.n} items\""))
                .isEqualTo(TextNode.valueOf("Hello Ada, you have 42 items"));
        assertThat(resolve("\"flag=${workflow.input.flag}\"")).isEqualTo(TextNode.valueOf("flag=false"));
        assertThat(resolve("\"at ${workflow.input.address}\""))
                // as Conductor, which writes the Java map into the string
                .isEqualTo(TextNode.valueOf("at {city=Oslo, zip=0150}"));
        assertThat(resolve("\"tags: ${workflow.input.tags}\"")).isEqualTo(TextNode.valueOf("tags: [a, b, c]"));
    }

    @Test
    void aMissingPathIsNull() {
        assertThat(resolve("\"${workflow.input.missing}\"").isNull()).isTrue();
        assertThat(resolve("\"${workflow.input.address.street.number}\"").isNull())
                .isTrue();
        assertThat(resolve("\"${t9.output.x}\"").isNull()).isTrue();
        assertThat(resolve("\"${workflow.input.tags[10]}\"").isNull()).isTrue();
        assertThat(resolve("\"${}\"").isNull()).isTrue();
        assertThat(resolve("\"v=${workflow.input.missing}\"")).isEqualTo(TextNode.valueOf("v=null"));
    }

    @Test
    void anExpressionThatIsNotValidJsonPathIsNull() {
        assertThat(resolve("\"${workflow.input[[}\"").isNull()).isTrue();
    }

    @Test
    void dollarDollarEscapesInsideText() {
        assertThat(resolve("\"use $${workflow.input.name} to get ${workflow.input.name}\""))
                .isEqualTo(TextNode.valueOf("use ${workflow.input.name} to get Ada"));
    }

    /** Text that begins with an expression: every expression is resolved, the first one too. */
    @Test
    void textThatStartsWithAnExpressionInterpolatesIt() {
        assertThat(resolve("\"${workflow.input.name}!\"")).isEqualTo(TextNode.valueOf("Ada!"));
        assertThat(resolve("\"${workflow.input.name} has ${workflow.input.n}\""))
                .isEqualTo(TextNode.valueOf("Ada has 42"));
        assertThat(resolve("\"${workflow.input.name}${workflow.input.n}\"")).isEqualTo(TextNode.valueOf("Ada42"));
    }

    @Test
    void textThatStartsWithAnEscapeKeepsItLiteral() {
        assertThat(resolve("\"$${workflow.input.name} is literal\""))
                .isEqualTo(TextNode.valueOf("${workflow.input.name} is literal"));
    }

    /** JSONPath functions such as length() give plain Java values, not JSON nodes; they must not be lost. */
    @Test
    void jsonPathFunctionResultsAreKept() {
        assertThat(resolve("\"${t1.output.items.length()}\"")).isEqualTo(json("3"));
    }

    @Test
    void dollarDollarAloneIsTheLiteralExpression() {
        assertThat(resolve("\"$${workflow.input.name}\"")).isEqualTo(TextNode.valueOf("${workflow.input.name}"));
    }

    @Test
    void textWithoutExpressionsIsLiteral() {
        assertThat(resolve("\"workflow.input.name\"")).isEqualTo(TextNode.valueOf("workflow.input.name"));
        assertThat(resolve("\"costs $5 {not} an expression\""))
                .isEqualTo(TextNode.valueOf("costs $5 {not} an expression"));
        assertThat(resolve("\"\"")).isEqualTo(TextNode.valueOf(""));
    }

    @Test
    void nonTextValuesPassThrough() {
        assertThat(resolve("7")).isEqualTo(json("7"));
        assertThat(resolve("true")).isEqualTo(json("true"));
        assertThat(resolve("null").isNull()).isTrue();
    }

    @Test
    void jsonPathWorksAfterTheFirstSegment() {
        assertThat(resolve("\"${workflow.input.tags[1]}\"")).isEqualTo(TextNode.valueOf("b"));
        assertThat(resolve("\"${t1.output.items[2].sku}\"")).isEqualTo(TextNode.valueOf("z-3"));
        assertThat(resolve("\"${t1.output.items[-1].qty}\"")).isEqualTo(json("7"));
        assertThat(resolve("\"${t1.output.items[?(@.qty > 2)].sku}\"")).isEqualTo(json("[\"y-2\", \"z-3\"]"));
        assertThat(resolve("\"${t1.output.items[*].qty}\"")).isEqualTo(json("[1, 5, 7]"));
        assertThat(resolve("\"${t1.output['total']}\"")).isEqualTo(json("13"));
        assertThat(resolve("\"${ workflow.input.name }\"")).isEqualTo(TextNode.valueOf("Ada"));
        assertThat(resolve("\"${$.workflow.input.n}\"")).isEqualTo(json("42"));
    }

    @Test
    void nestedObjectsAndArraysAreResolvedRecursively() {
        ObjectNode template = (ObjectNode) json("""
                {"customer": {"name": "${workflow.input.name}", "city": "${workflow.input.address.city}",
                              "meta": {"count": "${workflow.input.n}", "literal": 1}},
                 "list": ["${workflow.input.tags[0]}", {"q": "${t1.output.items[1].qty}"}, ["${workflow.input.flag}"], 3],
                 "none": null}
                """);

        ObjectNode out = ParameterResolver.resolve(template, CONTEXT);

        assertThat((JsonNode) out).isEqualTo(json("""
                {"customer": {"name": "Ada", "city": "Oslo", "meta": {"count": 42, "literal": 1}},
                 "list": ["a", {"q": 5}, [false], 3],
                 "none": null}
                """));
        assertThat(template.get("customer").get("name").asText())
                .as("template unchanged")
                .isEqualTo("${workflow.input.name}");
    }

    @Test
    void aNullTemplateResolvesToAnEmptyObject() {
        assertThat((JsonNode) ParameterResolver.resolve(null, CONTEXT)).isEqualTo(json("{}"));
    }

    @Test
    void theContextExposesTheWorkflowAndTheNewestExecutionOfEachTask() {
        // given
        WorkflowInstance wf = new WorkflowInstance();
        wf.workflowId = "wf-1";
        wf.workflowName = "orders";
        wf.workflowVersion = 2;
        wf.status = WorkflowStatus.RUNNING;
        wf.correlationId = "c-1";
        wf.input = (ObjectNode) json("{\"a\": 1}");
        wf.startTime = 5;
        wf.tasks.add(task("id-1", "t1", 0, TaskStatus.FAILED, "{\"try\": 1}"));
        wf.tasks.add(task("id-2", "t1", 1, TaskStatus.COMPLETED, "{\"try\": 2}"));

        // when
        ObjectNode ctx = ExpressionContext.of(wf);

        // then
        assertThat(ParameterResolver.evaluate("workflow.input.a", ctx)).isEqualTo(json("1"));
        assertThat(ParameterResolver.evaluate("workflow.workflowId", ctx).asText())
                .isEqualTo("wf-1");
        assertThat(ParameterResolver.evaluate("workflow.workflowType", ctx).asText())
                .isEqualTo("orders");
        assertThat(ParameterResolver.evaluate("workflow.version", ctx).asInt()).isEqualTo(2);
        assertThat(ParameterResolver.evaluate("workflow.correlationId", ctx).asText())
                .isEqualTo("c-1");
        assertThat(ParameterResolver.evaluate("workflow.output", ctx)).isEqualTo(json("{}"));
        assertThat(ParameterResolver.evaluate("t1.output.try", ctx).asInt()).isEqualTo(2);
        assertThat(ParameterResolver.evaluate("t1.taskId", ctx).asText()).isEqualTo("id-2");
        assertThat(ParameterResolver.evaluate("t1.retryCount", ctx).asInt()).isEqualTo(1);
        assertThat(ParameterResolver.evaluate("t1.status", ctx).asText()).isEqualTo("COMPLETED");
    }

    private static TaskState task(String id, String ref, int attempt, TaskStatus status, String output) {
        TaskState t = new TaskState();
        t.taskId = id;
        t.referenceTaskName = ref;
        t.taskDefName = ref;
        t.retryCount = attempt;
        t.status = status;
        t.inputData = (ObjectNode) json("{}");
        t.outputData = (ObjectNode) json(output);
        return t;
    }
}
