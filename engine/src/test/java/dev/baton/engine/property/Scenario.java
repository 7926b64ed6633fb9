package dev.baton.engine.property;

import java.util.List;

/** A generated workflow and the events thrown at it. */
record Scenario(WorkflowSpec workflow, List<Action> actions) {
    @Override
    public String toString() {
        return "workflow " + workflow + "\nactions " + actions;
    }
}
