package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the pause, resume, terminate and retry commands share: printing the accepted request. */
final class WorkflowAction {
    private WorkflowAction() {}

    static String path(String workflowId) {
        return "/workflow/" + BatonApi.segment(workflowId);
    }

    /** Prints "<Action> requested for workflow <id>." or, with --json, {"workflowId", "action"}. */
    static int done(Baton baton, String action, String workflowId) {
        if (baton.json()) {
            ObjectNode n =
                    Json.MAPPER.createObjectNode().put("workflowId", workflowId).put("action", action);
            baton.out().println(Json.write(n));
        } else {
            baton.out()
                    .println(Character.toUpperCase(action.charAt(0)) + action.substring(1) + " requested for workflow "
                            + workflowId + ".");
        }
        return 0;
    }
}
