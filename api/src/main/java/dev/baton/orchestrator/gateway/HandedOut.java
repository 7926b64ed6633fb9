package dev.baton.orchestrator.gateway;

/**
 * A command this node handed out to an HTTP worker: kept so that the worker's updates carry the
 * command's own correlation headers, and so that the task can be found without a search.
 *
 * @param finalStatus the final status reported through this node, or null while the task runs
 */
record HandedOut(CommandRecord command, String workerId, long polledAt, int pollCount, String finalStatus) {

    HandedOut finished(String status) {
        return new HandedOut(command, workerId, polledAt, pollCount, status);
    }
}
