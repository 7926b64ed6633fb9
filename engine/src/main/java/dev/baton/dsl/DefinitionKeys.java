package dev.baton.dsl;

/** Keys of definitions on the compacted definitions topic. */
public final class DefinitionKeys {
    public static final String WORKFLOW_PREFIX = "workflow:";
    public static final String TASK_PREFIX = "task:";

    private DefinitionKeys() {}

    public static String workflow(String name, int version) {
        return WORKFLOW_PREFIX + name + ":" + version;
    }

    public static String task(String name) {
        return TASK_PREFIX + name;
    }
}
