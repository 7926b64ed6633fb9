package dev.baton.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.Test;

class DefinitionExtrasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fieldsBatonDoesNotReadAreKeptAsWrittenAtEveryLevel() throws Exception {
        WorkflowDef def = DefinitionParser.workflow("""
                {"name": "wx", "workflowStatusListenerEnabled": true, "workflowStatusListenerSink": "conductor:x",
                 "rateLimitConfig": {"rateLimitKey": "${workflow.input.k}", "concurrentExecLimit": 3},
                 "metadata": {"team": "a"}, "maskedFields": ["secret"],
                 "tasks": [{"name": "t", "taskReferenceName": "t", "cacheConfig": {"key": "k", "ttlInSecond": 60},
                            "metadata": {"m": 1}, "rateLimited": true,
                            "taskDefinition": {"name": "t", "isolationGroupId": "g", "baseType": "SIMPLE"}}]}
                """);

        assertThat(def.extra())
                .containsOnlyKeys(
                        "workflowStatusListenerEnabled",
                        "workflowStatusListenerSink",
                        "rateLimitConfig",
                        "metadata",
                        "maskedFields");
        WorkflowTask t = def.tasks().get(0);
        assertThat(t.extra()).containsOnlyKeys("cacheConfig", "metadata", "rateLimited");
        assertThat(t.taskDefinition().extra()).containsOnlyKeys("isolationGroupId", "baseType");

        // written back (the definitions topic holds this JSON) and read again: the same definition
        String json = DefinitionParser.toJson(def);
        JsonNode tree = JSON.readTree(json);
        assertThat(tree.get("workflowStatusListenerEnabled").booleanValue()).isTrue();
        assertThat(tree.get("rateLimitConfig").get("concurrentExecLimit").intValue())
                .isEqualTo(3);
        assertThat(tree.get("tasks")
                        .get(0)
                        .get("cacheConfig")
                        .get("ttlInSecond")
                        .intValue())
                .isEqualTo(60);
        assertThat(tree.get("tasks")
                        .get(0)
                        .get("taskDefinition")
                        .get("isolationGroupId")
                        .textValue())
                .isEqualTo("g");
        assertThat(tree.has("extra")).isFalse();
        WorkflowDef again = DefinitionParser.workflow(json);
        assertThat(again.extra()).isEqualTo(def.extra());
        assertThat(again.tasks().get(0).extra()).isEqualTo(t.extra());
        assertThat(again.tasks().get(0).taskDefinition().extra())
                .isEqualTo(t.taskDefinition().extra());
    }

    @Test
    void withExtraSetsAndRemovesOneFieldAndLeavesTheRest() {
        TaskDef def = DefinitionParser.task("{\"name\": \"t\", \"retryCount\": 1, \"baseType\": \"SIMPLE\"}");

        TaskDef stamped = def.withExtra("createTime", IntNode.valueOf(5));
        assertThat(stamped.retryCount()).isEqualTo(1);
        assertThat(stamped.extra()).containsOnlyKeys("baseType", "createTime");
        assertThat(stamped.withExtra("baseType", null).extra()).containsOnlyKeys("createTime");
        assertThat(def.extra()).containsOnlyKeys("baseType");
    }

    @Test
    void aDefinitionWithoutUnreadFieldsHasNoExtras() {
        WorkflowDef def = DefinitionParser.workflow(
                "{\"name\": \"w\", \"tasks\": [{\"name\": \"t\", \"taskReferenceName\": \"t\"}]}");
        assertThat(def.extra()).isEmpty();
        assertThat(def.tasks().get(0).extra()).isEmpty();
        assertThat(DefinitionParser.toJson(def)).doesNotContain("extra");
    }
}
