/**
 * Parses environment variables and command-line overrides into a frozen `Config`. A malformed
 * value throws `ConfigError` naming the variable and the expected form.
 */
import { ConfigError } from "../errors.ts";
import { LOG_LEVELS, type LogLevel } from "../log.ts";
import { type Config, type Engines, type ManualArticleDefaults, type Role } from "./config.ts";
import { parseHeaderNames } from "./cross_origin.ts";
import { DEFAULTS } from "./defaults.ts";
import { parseAllowedOrigins } from "./allowed_origins.ts";
import { ldapSettings } from "./ldap_settings.ts";
import { mediaRouteLimits } from "./media_limits.ts";
import { type Network, parseNetworks } from "../net/address_policy.ts";
import { PHOTO_PROPERTIES } from "../media/photo_metadata.ts";
import { parseLanguageCode, parseLanguages, parseTimezone } from "./locale_settings.ts";

/** Values given on the command line; they win over the environment. */
export interface ConfigOverrides {
  roles?: readonly Role[];
  port?: number;
  wsPort?: number;
  workers?: number;
}

/** Reads `env` (normally `Deno.env.toObject()`) into a frozen Config. */
export function loadConfig(
  env: Record<string, string | undefined>,
  overrides: ConfigOverrides = {},
): Readonly<Config> {
  const read = reader(env);
  const mongoUri = read.url("MONGO_URI", ["mongodb:", "mongodb+srv:"]);
  const mediaMaxBytes = read.int("MEDIA_MAX_BYTES", { min: 1024 });
  const mediaPrefix = (env.MEDIA_PREFIX?.trim() ||
    `${read.string("SUPERDESK_URL").replace(/\/+$/, "")}/upload-raw`).replace(/\/+$/, "");
  const elasticsearchUrl = read.url("ELASTICSEARCH_URL", ["http:", "https:"]);
  const redisUrl = read.url("REDIS_URL", ["redis:", "rediss:"]);
  const engines: Engines = {
    documents: mongoUri ? "mongo" : "sqlite",
    search: elasticsearchUrl ? "elastic" : "sqlite",
    queue: redisUrl ? "redis" : "sqlite",
    bus: redisUrl ? "redis" : "memory",
  };
  const defaultLanguage = parseLanguageCode(read.string("DEFAULT_LANGUAGE"), "DEFAULT_LANGUAGE");
  const config: Config = {
    roles: overrides.roles ?? ["api", "ws", "worker"],
    host: read.string("HOST"),
    port: overrides.port ?? read.int("PORT", { min: 0, max: 65535 }),
    wsHost: read.string("WS_HOST"),
    wsPort: overrides.wsPort ?? read.int("WS_PORT", { min: 0, max: 65535 }),
    workers: overrides.workers ?? read.int("WORKERS", { min: 0, max: 256 }),
    dataDir: read.string("DATA_DIR"),
    mongoUri,
    mongoDbName: read.name("MONGO_DBNAME"),
    elasticsearchUrl,
    elasticsearchIndex: read.name("ELASTICSEARCH_INDEX").toLowerCase(),
    elasticsearchRefresh: read.oneOf("ELASTICSEARCH_REFRESH", ["wait_for", "true", "false"]),
    redisUrl,
    engines,
    logLevel: read.oneOf("LOG_LEVEL", LOG_LEVELS) as LogLevel,
    logServer: read.optionalString("LOG_SERVER_ADDRESS") === undefined ? undefined : {
      address: read.optionalString("LOG_SERVER_ADDRESS")!,
      port: read.int("LOG_SERVER_PORT", { min: 1, max: 65535 }),
      format: read.oneOf("LOG_SERVER_FORMAT", ["json", "gelf"]),
      bufferLines: read.int("LOG_SERVER_BUFFER", { min: 1, max: 10_000_000 }),
    },
    shutdownTimeoutMs: read.int("SHUTDOWN_TIMEOUT_SECONDS", { min: 0 }) * 1000,
    sessionExpiryMinutes: read.int("SESSION_EXPIRY_MINUTES", { min: 1 }),
    authCacheMs: read.int("AUTH_CACHE_SECONDS", { min: 0, max: 300 }) * 1000,
    countCacheMs: read.int("COUNT_CACHE_SECONDS", { min: 0, max: 60 }) * 1000,
    contentExpiryMinutes: read.int("CONTENT_EXPIRY_MINUTES", { min: 0 }),
    legalArchive: read.bool("LEGAL_ARCHIVE"),
    // Negative as in Superdesk's tests: entries from up to that many minutes ahead, i.e. all.
    publishQueueExpiryMinutes: read.int("PUBLISH_QUEUE_EXPIRY_MINUTES", {
      min: -Number.MAX_SAFE_INTEGER,
    }),
    spikeExpiryMinutes: read.optionalInt("SPIKE_EXPIRY_MINUTES", { min: 0 }),
    publishedContentExpiryMinutes: read.int("PUBLISHED_CONTENT_EXPIRY_MINUTES", { min: 0 }),
    ingestExpiryMinutes: read.int("INGEST_EXPIRY_MINUTES", { min: 1 }),
    ingestUpdateMs: read.int("INGEST_UPDATE_SECONDS", { min: 1 }) * 1000,
    defaultSource: read.string("DEFAULT_SOURCE_VALUE_FOR_MANUAL_ARTICLES"),
    manualArticleDefaults: Object.freeze({
      priority: read.int("DEFAULT_PRIORITY_VALUE_FOR_MANUAL_ARTICLES"),
      urgency: read.int("DEFAULT_URGENCY_VALUE_FOR_MANUAL_ARTICLES"),
      genre: parseGenre(read.string("DEFAULT_GENRE_VALUE_FOR_MANUAL_ARTICLES")),
    }),
    updates: Object.freeze({
      allowMultiple: read.bool("WORKFLOW_ALLOW_MULTIPLE_UPDATES"),
      resetPriority: read.bool("RESET_PRIORITY_VALUE_FOR_UPDATE_ARTICLES"),
    }),
    allowCopyToPersonal: read.bool("WORKFLOW_ALLOW_COPY_TO_PERSONAL"),
    templatesScheduleMs: read.int("TEMPLATES_SCHEDULE_SECONDS", { min: 1 }) * 1000,
    disabledSchedules: Object.freeze(
      read.string("DISABLED_SCHEDULES").split(",").map((name) => name.trim()).filter(Boolean),
    ),
    paginationDefault: read.int("PAGINATION_DEFAULT", { min: 1 }),
    paginationLimit: read.int("PAGINATION_LIMIT", { min: 1 }),
    maxSearchDepth: read.int("MAX_SEARCH_DEPTH", { min: -1 }),
    autoAggregations: read.bool("ELASTICSEARCH_AUTO_AGGREGATIONS"),
    searchThreads: {
      threads: read.int("SEARCH_THREADS", { min: 0, max: 64 }),
      timeoutMs: read.int("SEARCH_TIMEOUT_SECONDS", { min: 1 }) * 1000,
      queue: read.int("SEARCH_QUEUE", { min: 0 }),
    },
    archiveAutocomplete: {
      enabled: read.bool("ARCHIVE_AUTOCOMPLETE"),
      days: read.int("ARCHIVE_AUTOCOMPLETE_DAYS", { min: 0 }),
      hours: read.int("ARCHIVE_AUTOCOMPLETE_HOURS", { min: 0 }),
      limit: read.int("ARCHIVE_AUTOCOMPLETE_LIMIT", { min: 1 }),
    },
    keywordsAddMissingOnPublish: read.bool("KEYWORDS_ADD_MISSING_ON_PUBLISH"),
    publishAssociatedItems: read.bool("PUBLISH_ASSOCIATED_ITEMS"),
    correctionsWorkflow: read.bool("CORRECTIONS_WORKFLOW"),
    copyMetadataFromParent: read.bool("COPY_METADATA_FROM_PARENT"),
    pictureMetadataMapping: parsePictureMetadataMapping(read.string("PICTURE_METADATA_MAPPING")),
    unpublishToMatchingSubscribers: read.bool("UNPUBLISH_TO_MATCHING_SUBSCRIBERS"),
    validateMediaMetadataOnPublish: read.bool("VALIDATE_MEDIA_METADATA_ON_PUBLISH"),
    autoPublish: Object.freeze({
      contentProfile: read.bool("AUTO_PUBLISH_CONTENT_PROFILE"),
      categoryQcodes: Object.freeze(
        read.string("DEFAULT_CATEGORY_QCODES_FOR_AUTO_PUBLISHED_ARTICLES").split(",")
          .map((qcode) => qcode.trim()).filter(Boolean),
      ),
    }),
    itemSchemas: parseItemSchemas(read.string("SCHEMA")),
    mediaMetadataValidator: parseMediaMetadataValidator(read.string("VALIDATOR_MEDIA_METADATA")),
    taskLeaseMs: read.int("TASK_LEASE_SECONDS", { min: 1 }) * 1000,
    searchOutboxRetryMaxMs: read.int("SEARCH_OUTBOX_RETRY_MAX_SECONDS", { min: 1 }) * 1000,
    workerHeartbeatMs: read.int("WORKER_HEARTBEAT_SECONDS", { min: 1 }) * 1000,
    wsPingMs: read.int("WS_PING_SECONDS", { min: 1 }) * 1000,
    wsIdleTimeoutSeconds: read.int("WS_IDLE_TIMEOUT_SECONDS", { min: 0 }),
    wsHistorySize: read.int("WS_HISTORY_SIZE", { min: 0 }),
    wsHistoryMaxAgeMs: read.int("WS_HISTORY_MAX_AGE_SECONDS", { min: 1 }) * 1000,
    wsMaxBufferedBytes: read.int("WS_MAX_BUFFERED_BYTES", { min: 1024 }),
    wsAllowUnauthenticated: read.bool("WS_ALLOW_UNAUTHENTICATED"),
    xDomains: parseAllowedOrigins(read.string("X_DOMAINS")),
    loginRateLimitPerMinute: read.int("LOGIN_RATE_LIMIT_PER_MINUTE", { min: 1 }),
    passwordMinLength: read.int("PASSWORD_MIN_LENGTH", { min: 1, max: 72 }),
    bcryptWorkFactor: read.int("BCRYPT_GENSALT_WORK_FACTOR", { min: 4, max: 31 }),
    usernamePattern: read.optionalPattern("USER_USERNAME_PATTERN"),
    clientUrl: read.string("SUPERDESK_CLIENT_URL").replace(/\/+$/, ""),
    superdeskTesting: read.bool("SUPERDESK_TESTING"),
    storageDumpDir: read.string("STORAGE_DUMP_DIR"),
    storageRecordDir: read.string("STORAGE_RECORD_DIR"),
    applicationName: read.string("APP_NAME"),
    resetPasswordTtlDays: read.int("RESET_PASS_TTL", { min: 1 }),
    activationTtlDays: read.int("ACTIVATE_TTL", { min: 1 }),
    loginAddressLimitPerMinute: read.int("LOGIN_ADDRESS_LIMIT_PER_MINUTE", { min: 1 }),
    loginUserLimitPerHour: read.int("LOGIN_USER_LIMIT_PER_HOUR", { min: 1 }),
    maxBodyBytes: read.int("MAX_BODY_BYTES", { min: 1024 }),
    mediaMaxBytes,
    mediaMaxUploads: read.int("MEDIA_MAX_UPLOADS", { min: 1 }),
    uploadUrlAllowedNetworks: allowedNetworks(env, "UPLOAD_URL_ALLOWED_NETWORKS"),
    ingestContentUrlAllowedNetworks: allowedNetworks(env, "INGEST_CONTENT_URL_ALLOWED_NETWORKS"),
    uploadUrlTimeoutMs: read.int("UPLOAD_URL_TIMEOUT_SECONDS", { min: 1, max: 3600 }) * 1000,
    mediaPrefix,
    mediaPrefixesToFix: earlierMediaPrefixes(read, mediaPrefix),
    amazon: amazonConfig(read),
    ldap: ldapSettings(env),
    routeBodyBytes: mediaRouteLimits(mediaMaxBytes),
    maxUrlLength: read.int("MAX_URL_LENGTH", { min: 256 }),
    maxWhereTerms: read.int("MAX_WHERE_TERMS", { min: 1 }),
    bodyTimeoutMs: read.int("REQUEST_BODY_TIMEOUT_SECONDS", { min: 1 }) * 1000,
    xHeaders: parseHeaderNames(read.string("X_HEADERS"), "X_HEADERS"),
    xMaxAgeSeconds: read.int("X_MAX_AGE"),
    defaultTimezone: parseTimezone(env.DEFAULT_TIMEZONE?.trim() || undefined),
    defaultLanguage,
    defaultContentType: env.DEFAULT_CONTENT_TYPE?.trim() || undefined,
    languages: parseLanguages(env.LANGUAGES?.trim() || undefined, defaultLanguage),
    adminPassword: env.SUPERDESK_ADMIN_PASSWORD || undefined,
    publish: {
      sweepMs: read.int("PUBLISH_SWEEP_SECONDS", { min: 1 }) * 1000,
      maxTransmitAttempts: read.int("MAX_TRANSMIT_RETRY_ATTEMPT", { min: 1, max: 10_000 }),
      retryBaseMs: read.int("TRANSMIT_RETRY_DELAY_MS", { min: 1 }),
      retryMaxMs: read.int("TRANSMIT_RETRY_MAX_MS", { min: 1 }),
      httpPushTimeoutMs: read.int("HTTP_PUSH_TIMEOUT_SECONDS", { min: 1 }) * 1000,
      ftpTimeoutMs: read.int("FTP_TIMEOUT_SECONDS", { min: 1 }) * 1000,
      mail: {
        server: env.MAIL_SERVER?.trim() || undefined,
        port: read.int("MAIL_PORT", { min: 1, max: 65535 }),
        useTls: read.bool("MAIL_USE_TLS"),
        useSsl: read.bool("MAIL_USE_SSL"),
        username: env.MAIL_USERNAME || undefined,
        password: env.MAIL_PASSWORD || undefined,
        from: read.string("MAIL_FROM"),
      },
    },
    installedApps: Object.freeze(read.list("INSTALLED_APPS")),
    env: Object.freeze(
      Object.fromEntries(
        Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
    ),
  };
  if (config.paginationDefault > config.paginationLimit) {
    throw new ConfigError("PAGINATION_DEFAULT", "must not exceed PAGINATION_LIMIT");
  }
  if (config.publish.retryBaseMs > config.publish.retryMaxMs) {
    throw new ConfigError("TRANSMIT_RETRY_DELAY_MS", "must not exceed TRANSMIT_RETRY_MAX_MS");
  }
  return Object.freeze({
    ...config,
    roles: Object.freeze([...config.roles]),
    logServer: config.logServer && Object.freeze(config.logServer),
  });
}

type DefaultName = keyof typeof DEFAULTS;

/**
 * `MEDIA_PREFIXES_TO_FIX`, each without its trailing slashes. Every JSON answer has each replaced
 * by `current`, so one that is empty or inside `current` would rewrite every answer or the
 * current hrefs themselves (`https://cdn` in `https://cdn/media/<id>`): refused at start.
 */
function earlierMediaPrefixes(read: ReturnType<typeof reader>, current: string) {
  const prefixes = read.list("MEDIA_PREFIXES_TO_FIX").map((prefix) => prefix.replace(/\/+$/, ""));
  const wrong = prefixes.find((prefix) => prefix === "" || current.includes(prefix));
  if (wrong !== undefined) {
    throw new ConfigError(
      "MEDIA_PREFIXES_TO_FIX",
      `"${wrong}" would rewrite the current MEDIA_PREFIX ("${current}") too`,
    );
  }
  return Object.freeze(prefixes);
}

/** The S3 media settings, when `AMAZON_CONTAINER_NAME` names a bucket. */
function amazonConfig(read: ReturnType<typeof reader>): Config["amazon"] {
  const containerName = read.optionalString("AMAZON_CONTAINER_NAME");
  if (containerName === undefined) return undefined;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(containerName)) {
    throw new ConfigError(
      "AMAZON_CONTAINER_NAME",
      `expected an S3 bucket name (3 to 63 lowercase letters, digits, "." or "-"), got "${containerName}"`,
    );
  }
  // Superdesk's boto3 falls back to AWS's credential chain (instance roles ...); we sign with
  // these keys only, so they must be there.
  for (const name of ["AMAZON_ACCESS_KEY_ID", "AMAZON_SECRET_ACCESS_KEY"]) {
    if (read.optionalString(name) === undefined) {
      throw new ConfigError(name, "required when AMAZON_CONTAINER_NAME is set");
    }
  }
  const subfolder = read.optionalString("AMAZON_S3_SUBFOLDER") ?? "";
  // A "." or ".." in a key's path is resolved away by URLs: the object would land elsewhere.
  if (subfolder.split("/").some((segment) => segment === "." || segment === "..")) {
    throw new ConfigError(
      "AMAZON_S3_SUBFOLDER",
      `expected a folder without "." or "..", got "${subfolder}"`,
    );
  }
  return Object.freeze({
    containerName,
    accessKeyId: read.optionalString("AMAZON_ACCESS_KEY_ID")!,
    secretAccessKey: read.optionalString("AMAZON_SECRET_ACCESS_KEY")!,
    region: read.string("AMAZON_REGION"),
    subfolder,
    objectAcl: read.optionalString("AMAZON_OBJECT_ACL"),
    endpointUrl: read.url("AMAZON_ENDPOINT_URL", ["http:", "https:"]),
  });
}

/** Typed accessors over `env` that fall back to DEFAULTS and name the variable on error. */
/** Networks setting `name` lists: addresses or CIDR blocks, comma- or space-separated. */
function allowedNetworks(env: Record<string, string | undefined>, name: string): Network[] {
  const networks = parseNetworks(env[name] ?? "");
  if (!Array.isArray(networks)) {
    throw new ConfigError(
      name,
      `expected IP addresses or CIDR blocks (127.0.0.1, 10.0.0.0/8, fd00::/8), got "${networks.invalid}"`,
    );
  }
  return networks;
}

function reader(env: Record<string, string | undefined>) {
  const raw = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === "" ? undefined : value;
  };
  return {
    string(name: DefaultName): string {
      return raw(name) ?? String(DEFAULTS[name]);
    },
    optionalString(name: string): string | undefined {
      return raw(name);
    },
    optionalPattern(name: string): string | undefined {
      const value = raw(name);
      if (value === undefined) return undefined;
      try {
        new RegExp(value);
      } catch (error) {
        throw new ConfigError(name, `expected a regular expression: ${(error as Error).message}`);
      }
      return value;
    },
    name(name: DefaultName): string {
      const value = raw(name) ?? String(DEFAULTS[name]);
      if (!/^[A-Za-z0-9_-]+$/.test(value)) {
        throw new ConfigError(name, `expected letters, digits, "_" or "-", got "${value}"`);
      }
      return value;
    },
    int(name: DefaultName, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
      const value = raw(name);
      if (value === undefined) return Number(DEFAULTS[name]);
      if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new ConfigError(name, `expected an integer from ${min} to ${max}, got "${value}"`);
      }
      return Number(value);
    },
    optionalInt(name: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number | undefined {
      const value = raw(name);
      if (value === undefined) return undefined;
      if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new ConfigError(name, `expected an integer from ${min} to ${max}, got "${value}"`);
      }
      return Number(value);
    },
    bool(name: DefaultName): boolean {
      const value = raw(name)?.toLowerCase();
      if (value === undefined) return Boolean(DEFAULTS[name]);
      if (["1", "true", "yes", "on"].includes(value)) return true;
      if (["0", "false", "no", "off"].includes(value)) return false;
      throw new ConfigError(name, `expected true or false, got "${value}"`);
    },
    oneOf<T extends string>(name: DefaultName, allowed: readonly T[]): T {
      const value = raw(name) ?? String(DEFAULTS[name]);
      if (!allowed.includes(value as T)) {
        throw new ConfigError(name, `expected one of ${allowed.join(", ")}, got "${value}"`);
      }
      return value as T;
    },
    /** A comma- or newline-separated list without empty or repeated entries. */
    list(name: string): string[] {
      const entries = (raw(name) ?? "").split(/[,\n]/).map((entry) => entry.trim()).filter(Boolean);
      const repeated = entries.find((entry, index) => entries.indexOf(entry) !== index);
      if (repeated !== undefined) throw new ConfigError(name, `"${repeated}" is listed twice`);
      return entries;
    },
    url(name: string, protocols: string[]): string | undefined {
      const value = raw(name);
      if (value === undefined) return undefined;
      let parsed: URL;
      try {
        parsed = new URL(value);
      } catch {
        throw new ConfigError(
          name,
          `expected a URL (${protocols.join(" or ")}//...), got "${value}"`,
        );
      }
      if (!protocols.includes(parsed.protocol)) {
        throw new ConfigError(name, `expected a ${protocols.join(" or ")} URL, got "${value}"`);
      }
      return value;
    },
  };
}

/** `DEFAULT_GENRE_VALUE_FOR_MANUAL_ARTICLES`: a JSON list of `{qcode, name?}`. */
function parseGenre(text: string): ManualArticleDefaults["genre"] {
  const name = "DEFAULT_GENRE_VALUE_FOR_MANUAL_ARTICLES";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError(name, `expected a JSON list of {"qcode", "name"}, got "${text}"`);
  }
  const valid = Array.isArray(value) &&
    value.every((entry) =>
      typeof entry === "object" && entry !== null && typeof entry.qcode === "string" &&
      (entry.name === undefined || typeof entry.name === "string")
    );
  if (!valid) throw new ConfigError(name, `expected a JSON list of {"qcode", "name"}`);
  return Object.freeze((value as { qcode: string; name?: string }[]).map((e) => Object.freeze(e)));
}

/**
 * `PICTURE_METADATA_MAPPING`: a JSON object of item fields to photo metadata keys
 * (`{"slugline": "Title", "extra.transref": "JobId"}`), each key one Superdesk writes.
 */
function parsePictureMetadataMapping(text: string): Config["pictureMetadataMapping"] {
  const keys = Object.keys(PHOTO_PROPERTIES);
  const expected = `expected a JSON object of item fields to one of ${keys.join(", ")}, like ` +
    `{"slugline": "Title"}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError("PICTURE_METADATA_MAPPING", `${expected}, got "${text}"`);
  }
  const valid = typeof value === "object" && value !== null && !Array.isArray(value) &&
    Object.values(value).every((key) => typeof key === "string" && keys.includes(key));
  if (!valid) throw new ConfigError("PICTURE_METADATA_MAPPING", `${expected}, got "${text}"`);
  return Object.freeze({ ...value as Record<string, string> });
}

/** `SCHEMA`: a JSON object of field rules by item type (`{"composite": {"headline": {...}}}`). */
function parseItemSchemas(text: string): Config["itemSchemas"] {
  return parseObjectOfObjects(
    "SCHEMA",
    text,
    'expected a JSON object of rules by item type, like {"text": {"headline": {}}}',
  );
}

/** `VALIDATOR_MEDIA_METADATA`: a JSON object of rules by media field (`{"headline": {...}}`). */
function parseMediaMetadataValidator(text: string): Config["mediaMetadataValidator"] {
  return parseObjectOfObjects(
    "VALIDATOR_MEDIA_METADATA",
    text,
    'expected a JSON object of rules by field, like {"headline": {"required": true}}',
  );
}

/** Setting `name`'s `text`: a JSON object whose values are all objects, else `expected`. */
function parseObjectOfObjects(
  name: string,
  text: string,
  expected: string,
): Readonly<Record<string, Record<string, unknown>>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError(name, `${expected}, got "${text}"`);
  }
  const isObject = (entry: unknown): entry is Record<string, unknown> =>
    typeof entry === "object" && entry !== null && !Array.isArray(entry);
  if (!isObject(value) || !Object.values(value).every(isObject)) {
    throw new ConfigError(name, expected);
  }
  return Object.freeze(value as Record<string, Record<string, unknown>>);
}
