/**
 * Optional authentication (off by default; {@code baton.auth.enabled=true} turns it on), built on
 * micronaut-security and micronaut-security-jwt.
 *
 * <p>Clients exchange an API key ({@code baton.auth.api-keys}) for a JWT at {@code POST /api/token}
 * and send it as {@code X-Authorization: <jwt>} (what the Conductor/Orkes Java client does) or
 * {@code Authorization: Bearer <jwt>}; scripts may send one of the opaque
 * {@code baton.auth.tokens} as {@code Authorization: Bearer <token>}. Every path except the token
 * endpoint and {@code baton.auth.open-paths} then needs one of these; refusals are Conductor's JSON
 * error body. Nodes call each other with {@link dev.baton.orchestrator.security.InternalCredentials}.
 * Secrets never appear in logs, messages or {@code toString()}.
 */
package dev.baton.orchestrator.security;
