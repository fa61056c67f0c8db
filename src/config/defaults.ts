/**
 * Every configurable value with its default, in one place. Names are the environment variables
 * (Superdesk's where it has one). `load_config.ts` parses them into the typed `Config`.
 */
export const DEFAULTS = {
  HOST: "0.0.0.0",
  PORT: 5000,
  WS_HOST: "0.0.0.0",
  WS_PORT: 5100,
  WORKERS: 2,
  DATA_DIR: "./data",
  MONGO_DBNAME: "superdesk",
  ELASTICSEARCH_INDEX: "superdesk",
  LOG_LEVEL: "info",
  SHUTDOWN_TIMEOUT_SECONDS: 10,
  SESSION_EXPIRY_MINUTES: 240,
  AUTH_CACHE_SECONDS: 5,
  CONTENT_EXPIRY_MINUTES: 0,
  PAGINATION_DEFAULT: 500,
  PAGINATION_LIMIT: 500,
  ELASTICSEARCH_REFRESH: "wait_for",
  TASK_LEASE_SECONDS: 30,
  WORKER_HEARTBEAT_SECONDS: 2,
  WS_PING_SECONDS: 5,
  WS_IDLE_TIMEOUT_SECONDS: 30,
  WS_HISTORY_SIZE: 10_000,
  WS_HISTORY_MAX_AGE_SECONDS: 3600,
  WS_MAX_BUFFERED_BYTES: 4 * 1024 * 1024,
  WS_ALLOW_UNAUTHENTICATED: false,
  LOGIN_RATE_LIMIT_PER_MINUTE: 10,
  PASSWORD_MIN_LENGTH: 8,
} as const;
