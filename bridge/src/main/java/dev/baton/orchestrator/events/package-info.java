/**
 * Conductor's event handlers: definitions kept in the compacted topic {@code baton.event-handlers}
 * ({@link dev.baton.orchestrator.events.EventHandlerStore}), served at {@code /api/event}
 * ({@link dev.baton.orchestrator.events.EventController}), and carried out by
 * {@link dev.baton.orchestrator.events.EventRunner}: for each record of a topic a handler listens
 * to, each active handler's condition is evaluated and its actions become commands on
 * {@code baton.commands}.
 */
package dev.baton.orchestrator.events;
