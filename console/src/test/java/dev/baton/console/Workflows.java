package dev.baton.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Definitions and inputs of the console's browser tests. */
final class Workflows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Workflows() {}

    /** A workflow that waits (for the bulk actions). */
    static String waiting() {
        return """
                {"name": "console_wait", "version": 1, "schemaVersion": 2, "ownerEmail": "console@baton.dev",
                 "tasks": [{"name": "hold", "taskReferenceName": "hold", "type": "WAIT"}]}""";
    }

    /**
     * A workflow for the operator actions on one execution: a NOOP, a WAIT (held until completed
     * over REST) and a task no worker serves (it runs only if skipped).
     */
    static String operations() {
        return """
                {"name": "console_ops", "version": 1, "schemaVersion": 2, "ownerEmail": "console@baton.dev",
                 "tasks": [{"name": "prepare", "taskReferenceName": "prepare", "type": "NOOP"},
                           {"name": "hold", "taskReferenceName": "hold", "type": "WAIT"},
                           {"name": "console_later", "taskReferenceName": "later", "type": "SIMPLE"}]}""";
    }

    /**
     * For paging: input {@code mode} "wait" holds the instance RUNNING at a WAIT, anything else
     * completes it at once.
     */
    static String paging() {
        return """
                {"name": "console_paging", "version": 1, "schemaVersion": 2, "ownerEmail": "console@baton.dev",
                 "tasks": [{"name": "route", "taskReferenceName": "route", "type": "SWITCH", "evaluatorType": "value-param",
                            "expression": "mode", "inputParameters": {"mode": "${workflow.input.mode}"},
                            "decisionCases": {"wait": [{"name": "hold", "taskReferenceName": "hold", "type": "WAIT"}]},
                            "defaultCase": []}]}""";
    }

    /** One task, served by the test over REST (poll, logs, update). */
    static String logged() {
        return """
                {"name": "console_logs", "version": 1, "schemaVersion": 2, "ownerEmail": "console@baton.dev",
                 "tasks": [{"name": "console_logged", "taskReferenceName": "logged", "type": "SIMPLE"}]}""";
    }

    static String taskDefs() {
        return """
                [{"name": "console_later", "ownerEmail": "console@baton.dev", "retryCount": 0, "responseTimeoutSeconds": 600},
                 {"name": "console_logged", "ownerEmail": "console@baton.dev", "retryCount": 0, "responseTimeoutSeconds": 600}]""";
    }

    /**
     * A workflow of exactly {@code 1000} tasks, all run by the engine (NOOP): a fork of 20
     * branches of 49 tasks each, its join, and 18 tasks after it.
     */
    static String thousandTasks() {
        ObjectNode def = JSON.createObjectNode()
                .put("name", "console_thousand")
                .put("version", 1)
                .put("schemaVersion", 2)
                .put("ownerEmail", "console@baton.dev");
        ArrayNode tasks = def.putArray("tasks");
        ObjectNode fork = tasks.addObject()
                .put("name", "fork")
                .put("taskReferenceName", "fork")
                .put("type", "FORK_JOIN");
        ArrayNode branches = fork.putArray("forkTasks");
        ArrayNode joinOn = JSON.createArrayNode();
        for (int b = 0; b < 20; b++) {
            ArrayNode branch = branches.addArray();
            for (int i = 0; i < 49; i++) {
                String ref = "b" + b + "_t" + i;
                branch.addObject()
                        .put("name", ref)
                        .put("taskReferenceName", ref)
                        .put("type", "NOOP");
                if (i == 48) {
                    joinOn.add(ref);
                }
            }
        }
        ObjectNode join = tasks.addObject()
                .put("name", "join")
                .put("taskReferenceName", "join")
                .put("type", "JOIN");
        join.set("joinOn", joinOn);
        for (int i = 0; i < 18; i++) {
            tasks.addObject()
                    .put("name", "after_" + i)
                    .put("taskReferenceName", "after_" + i)
                    .put("type", "NOOP");
        }
        return def.toString();
    }

    static String booking(String bookingId) {
        ObjectNode input = JSON.createObjectNode()
                .put("bookingId", bookingId)
                .put("flight", "BA117")
                .put("passenger", "P " + bookingId)
                .put("email", bookingId + "@example.com")
                .put("amount", 120)
                .put("currency", "EUR");
        return JSON.createObjectNode()
                .put("name", "flight_booking")
                .put("version", 1)
                .put("correlationId", "booking-" + bookingId)
                .set("input", input)
                .toString();
    }

    static String start(String name, String correlationId) {
        return JSON.createObjectNode()
                .put("name", name)
                .put("version", 1)
                .put("correlationId", correlationId)
                .set("input", JSON.createObjectNode())
                .toString();
    }
}
