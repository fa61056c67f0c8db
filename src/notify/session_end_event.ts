/**
 * The event published when a session ends (logout, expiry, its user disabled or deleted), with
 * `extra: {session, user}`. Every process reacts: cached actors are dropped
 * (src/auth/cached_authenticator.ts) and the session's sockets are closed (src/ws/ws_app.ts).
 */
export const SESSION_END_EVENT = "session:end";

/** The WebSocket close code of a socket whose session ended (private-use range). */
export const SESSION_ENDED_CLOSE_CODE = 4001;
