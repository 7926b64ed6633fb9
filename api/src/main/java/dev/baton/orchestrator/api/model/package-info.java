/**
 * Conductor's REST models as Baton answers them, one record per model, with Conductor's field
 * names, types and order (as Conductor's server serializes them, restricted to the fields of the
 * official client's model classes). Null fields are left out, as Conductor leaves them out.
 * Fields that are Baton's own (definition extensions) appear only when a definition sets them.
 * The records carry no logic; the views in {@code dev.baton.orchestrator.api} build them from
 * instances and definitions.
 */
package dev.baton.orchestrator.api.model;
