/**
 * The typed, frozen configuration every role receives. Built once by `loadConfig`; nothing reads
 * the environment after start.
 */
import type { LogLevel } from "../log.ts";
import type { LogServerOptions } from "../logship/log_shipper.ts";
import type { AllowedOrigins } from "./allowed_origins.ts";
import type { LdapSettings } from "./ldap_settings.ts";
import type { LanguageSetting } from "./locale_settings.ts";
import type { Network } from "../net/address_policy.ts";

/** A process role; `all` expands to the other three. */
export const ROLES = ["api", "ws", "worker"] as const;
export type Role = typeof ROLES[number];

/** Which implementation each seam uses; derived from which service URLs are set. */
export interface Engines {
  documents: "mongo" | "sqlite";
  search: "elastic" | "sqlite";
  queue: "redis" | "sqlite";
  bus: "redis" | "memory";
}

/** Publishing: sweeps, transmission retries, transmitter settings (Superdesk's names). */
export interface PublishSettings {
  /** How often the enqueue and transmission sweeps run. */
  sweepMs: number;
  /** Attempts of one destination's transmission before its head entry fails. */
  maxTransmitAttempts: number;
  /** Backoff of transmission retries: first delay cap and largest delay. */
  retryBaseMs: number;
  retryMaxMs: number;
  httpPushTimeoutMs: number;
  ftpTimeoutMs: number;
  mail: {
    server?: string;
    port: number;
    useTls: boolean;
    useSsl: boolean;
    username?: string;
    password?: string;
    from: string;
  };
}

export interface Config {
  roles: readonly Role[];
  host: string;
  port: number;
  wsHost: string;
  wsPort: number;
  workers: number;
  dataDir: string;
  mongoUri?: string;
  mongoDbName: string;
  elasticsearchUrl?: string;
  elasticsearchIndex: string;
  /** Elasticsearch refresh policy after writes: `wait_for` (visible on return), `true`, `false`. */
  elasticsearchRefresh: "wait_for" | "true" | "false";
  redisUrl?: string;
  engines: Engines;
  logLevel: LogLevel;
  /** The central log server that every role also ships its log lines to; unset: stdout only. */
  logServer?: LogServerOptions;
  shutdownTimeoutMs: number;
  sessionExpiryMinutes: number;
  /** How long a resolved session token is trusted without a re-read; 0 disables the cache. */
  authCacheMs: number;
  /**
   * How long a MongoDB count (a list's `_meta.total`) is reused; writes through this process
   * forget it at once, other processes' through the bus; 0 disables the cache.
   */
  countCacheMs: number;
  /** Expiry of content whose stage and desk set none; 0 means never (Superdesk's default). */
  contentExpiryMinutes: number;
  /**
   * The legal archive (`LEGAL_ARCHIVE`): published items are copied into `legal_archive`, and
   * content expires only once it is there.
   */
  legalArchive: boolean;
  /**
   * Age after which content expiry removes publish queue entries (`PUBLISH_QUEUE_EXPIRY_MINUTES`,
   * Superdesk's default 14 days); 0 never.
   */
  publishQueueExpiryMinutes: number;
  /** Expiry of spiked content; unset means the content expiry applies. */
  spikeExpiryMinutes?: number;
  /** Expiry of published content, over the stage's and desk's; 0 means theirs applies. */
  publishedContentExpiryMinutes: number;
  /** Lifetime of ingested items whose provider sets none (Superdesk's INGEST_EXPIRY_MINUTES). */
  ingestExpiryMinutes: number;
  /** How often the scheduler looks for providers due for a poll. */
  ingestUpdateMs: number;
  /** `source` of content written in the newsroom when its desk names none. */
  defaultSource: string;
  /** `priority`, `urgency` and `genre` of content users create without them (Superdesk's). */
  manualArticleDefaults: ManualArticleDefaults;
  /**
   * Updates (rewrites): `WORKFLOW_ALLOW_MULTIPLE_UPDATES` lets an unpublished update be updated
   * again; `RESET_PRIORITY_VALUE_FOR_UPDATE_ARTICLES` gives updates the manual default priority.
   */
  updates: { allowMultiple: boolean; resetPriority: boolean };
  /**
   * `WORKFLOW_ALLOW_COPY_TO_PERSONAL`: items on a desk may be copied or duplicated to one's
   * personal space (Superdesk's setting and default; the client offers it from `client_config`).
   */
  allowCopyToPersonal: boolean;
  /** How often the worker role looks for scheduled templates that are due. */
  templatesScheduleMs: number;
  /** Schedules the worker role does not run (`DISABLED_SCHEDULES`, names as registered). */
  disabledSchedules: readonly string[];
  paginationDefault: number;
  paginationLimit: number;
  /** Documents each shard collects for `/api/search` (`terminate_after`); -1: no limit. */
  maxSearchDepth: number;
  /**
   * Lists of search-backed resources answer Superdesk's aggregations unless `aggregations=0`
   * (`ELASTICSEARCH_AUTO_AGGREGATIONS`, eve-elastic's setting; off: only with `aggregations=1`).
   */
  autoAggregations: boolean;
  /**
   * The embedded search index's search threads (`SEARCH_THREADS`; 0: searches run on the
   * calling thread), the limit of one search (`SEARCH_TIMEOUT_SECONDS`, then a 503) and the
   * most searches waiting for a thread (`SEARCH_QUEUE`, then a 503).
   */
  searchThreads: { threads: number; timeoutMs: number; queue: number };
  /** `/api/archive_autocomplete` (`ARCHIVE_AUTOCOMPLETE`, `_DAYS`, `_HOURS`, `_LIMIT`). */
  archiveAutocomplete: { enabled: boolean; days: number; hours: number; limit: number };
  /** `KEYWORDS_ADD_MISSING_ON_PUBLISH`: published keywords join the `keywords` vocabulary. */
  keywordsAddMissingOnPublish: boolean;
  /**
   * `PUBLISH_ASSOCIATED_ITEMS` (Superdesk's default off): publishing a package refuses its locked
   * items (`package_items_check.ts`).
   */
  publishAssociatedItems: boolean;
  /**
   * `CORRECTIONS_WORKFLOW` (Superdesk's default off): the web client offers opening a
   * correction, and correcting a story opened for correction settles its `being_corrected`
   * published copy.
   */
  correctionsWorkflow: boolean;
  /**
   * `COPY_METADATA_FROM_PARENT` (Superdesk's default off): a published story's media
   * associations take its metadata (slugline, subject, category, urgency, priority, ...).
   */
  copyMetadataFromParent: boolean;
  /**
   * `PICTURE_METADATA_MAPPING` (Superdesk's default none): item fields (`slugline`,
   * `extra.<name>`) a published picture's file takes as photo metadata (`Title`, `JobId` ...).
   */
  pictureMetadataMapping: Readonly<Record<string, string>>;
  /**
   * `UNPUBLISH_TO_MATCHING_SUBSCRIBERS` (Superdesk's default on): a kill, takedown or unpublish
   * of an item no subscriber received goes to the subscribers it matches now.
   */
  unpublishToMatchingSubscribers: boolean;
  /** Publishing checks a story's associated media against their profiles (Superdesk's). */
  validateMediaMetadataOnPublish: boolean;
  /**
   * Publishing by an ingest routing rule (`act` auto_publish): `AUTO_PUBLISH_CONTENT_PROFILE`
   * (Superdesk's default on) validates the item against its content profile, else only against
   * the `validators`; `DEFAULT_CATEGORY_QCODES_FOR_AUTO_PUBLISHED_ARTICLES` (comma-separated,
   * default "a") are the categories given to an item that has none.
   */
  autoPublish: { contentProfile: boolean; categoryQcodes: readonly string[] };
  /** Validation rules by item type for items without a content profile (Superdesk's `SCHEMA`). */
  itemSchemas: Readonly<Record<string, Record<string, unknown>>>;
  /**
   * `VALIDATOR_MEDIA_METADATA` (Superdesk's default: headline, slugline, alt_text, anpa_category,
   * subject and description_text required): media fields and their rules, published to the web
   * client as `validator_media_metadata` (its upload and media metadata editors show and require
   * them).
   */
  mediaMetadataValidator: Readonly<Record<string, Record<string, unknown>>>;
  taskLeaseMs: number;
  /**
   * Longest wait between two retries of an index write the search engine missed
   * (`SEARCH_OUTBOX_RETRY_MAX_SECONDS`): how late the index may catch up after a long outage.
   */
  searchOutboxRetryMaxMs: number;
  workerHeartbeatMs: number;
  wsPingMs: number;
  wsIdleTimeoutSeconds: number;
  wsHistorySize: number;
  wsHistoryMaxAgeMs: number;
  wsMaxBufferedBytes: number;
  /** Accept WebSocket clients without a session token (the web client); they get broadcasts. */
  wsAllowUnauthenticated: boolean;
  /**
   * Superdesk's `X_DOMAINS`: browser origins allowed cross-origin (`*` for any). The ws role
   * refuses upgrades from other origins; CORS for the REST API uses the same list
   * (`allowed_origins.ts`).
   */
  xDomains: AllowedOrigins;
  /** Failed logins per client address and username per minute. */
  loginRateLimitPerMinute: number;
  /** Shortest password users may set (ours 8; Superdesk's schema says 5). */
  passwordMinLength: number;
  /**
   * Superdesk's `BCRYPT_GENSALT_WORK_FACTOR`: the bcrypt cost of new password hashes (ours 10,
   * Superdesk's 12; test apps use 4, as Superdesk's own tests do).
   */
  bcryptWorkFactor: number;
  /**
   * Superdesk's `USER_USERNAME_PATTERN`: a regular expression new and changed usernames must
   * match from their first character (Python's `re.match`); unset: any username the schema takes.
   */
  usernamePattern?: string;
  /** The web client's public address, for links in e-mails (`SUPERDESK_CLIENT_URL`). */
  clientUrl: string;
  /**
   * Superdesk's testing mode (`SUPERDESK_TESTING`): `POST /api/prepopulate` may erase every
   * document, search entry and waiting task, then load sample data. Never on in production.
   */
  superdeskTesting: boolean;
  /**
   * Where `storage:dump` writes and `storage:restore`/`restore_record` look for full dumps
   * (`STORAGE_DUMP_DIR`; Superdesk's fixed `dump/full`, relative to the working directory).
   */
  storageDumpDir: string;
  /** Where records are looked for (`STORAGE_RECORD_DIR`; Superdesk's fixed `dump/records`). */
  storageRecordDir: string;
  /** The product name in e-mails (`APP_NAME`). */
  applicationName: string;
  /** Days a password-reset link stays valid (`RESET_PASS_TTL`). */
  resetPasswordTtlDays: number;
  /** Days an account-activation link stays valid (`ACTIVATE_TTL`). */
  activationTtlDays: number;
  /** Failed logins per client address over all usernames per minute. */
  loginAddressLimitPerMinute: number;
  /** Failed logins per username per hour from addresses it has not logged in from. */
  loginUserLimitPerHour: number;
  /** Largest request body accepted (413 beyond), before any of it is parsed. */
  maxBodyBytes: number;
  /**
   * Where media hrefs point (`MEDIA_PREFIX`; Superdesk's default, `SUPERDESK_URL` +
   * `/upload-raw`): a rendition's href is this plus `/<media id>`.
   */
  mediaPrefix: string;
  /**
   * Earlier media prefixes (`MEDIA_PREFIXES_TO_FIX`): answers show each as `mediaPrefix`, so
   * hrefs stored before a change of MEDIA_PREFIX (a move of the bucket) point to the new place.
   */
  mediaPrefixesToFix: readonly string[];
  /** Media in Amazon S3 (Superdesk's `AMAZON_*` settings): set when `AMAZON_CONTAINER_NAME` is. */
  amazon?: AmazonConfig;
  /** Sign-in against an LDAP / Active Directory server: set when `LDAP_SERVER` is. */
  ldap?: LdapSettings;
  /** Largest media binary accepted by the upload routes (`MEDIA_MAX_BYTES`; 413 beyond). */
  mediaMaxBytes: number;
  /** Uploads received at once at most (`MEDIA_MAX_UPLOADS`; 503 with Retry-After beyond). */
  mediaMaxUploads: number;
  /**
   * Networks an upload's `URL` may reach although not public (`UPLOAD_URL_ALLOWED_NETWORKS`:
   * addresses or CIDR blocks; none by default).
   */
  uploadUrlAllowedNetworks: readonly Network[];
  /**
   * Networks a URL named by a feed's content (an API's next page) may reach although not public
   * (`INGEST_CONTENT_URL_ALLOWED_NETWORKS`; none by default). The provider's own URL is not checked.
   */
  ingestContentUrlAllowedNetworks: readonly Network[];
  /** How long an upload from a `URL` may take to download (`UPLOAD_URL_TIMEOUT_SECONDS`). */
  uploadUrlTimeoutMs: number;
  /**
   * Body limits that win over `maxBodyBytes` (the media uploads: `/api/upload`, and multipart
   * bodies of `/api/archive`), derived from `mediaMaxBytes`.
   */
  routeBodyBytes: ReadonlyArray<{ prefix: string; maxBytes: number; contentType?: RegExp }>;
  /** Longest request target (path and query) accepted (414 beyond). */
  maxUrlLength: number;
  /** Most terms (fields, operators, values) in a client's `where` (400 beyond). */
  maxWhereTerms: number;
  /** How long a request body may take to arrive (408 after). */
  bodyTimeoutMs: number;
  /** Request headers cross-origin callers may send (`X_HEADERS`). */
  xHeaders: readonly string[];
  /** How long browsers may cache a preflight answer (`X_MAX_AGE`). */
  xMaxAgeSeconds: number;
  /** IANA zone the web client shows dates in (`DEFAULT_TIMEZONE`). */
  defaultTimezone: string;
  /** Language of new content (`DEFAULT_LANGUAGE`). */
  defaultLanguage: string;
  /**
   * The content profile of ingested text items that name none or a type's implied one
   * (`DEFAULT_CONTENT_TYPE`, Superdesk's); unset: none.
   */
  defaultContentType?: string;
  /** Languages the newsroom offers (`LANGUAGES`). */
  languages: readonly LanguageSetting[];
  adminPassword?: string;
  publish: PublishSettings;
  /** `INSTALLED_APPS`: app modules loaded after the core ones, in order (src/apps/load_apps.ts). */
  installedApps: readonly string[];
  /** The environment at start, frozen: apps read their own settings from it (`app.setting`). */
  env: Readonly<Record<string, string>>;
}

/** Superdesk's `DEFAULT_{PRIORITY,URGENCY,GENRE}_VALUE_FOR_MANUAL_ARTICLES`. */
export interface ManualArticleDefaults {
  priority: number;
  urgency: number;
  genre: ReadonlyArray<Readonly<{ qcode: string; name?: string }>>;
}

/** Superdesk's `AmazonMediaStorage` settings. */
export interface AmazonConfig {
  /** The bucket (`AMAZON_CONTAINER_NAME`). */
  containerName: string;
  /** `AMAZON_ACCESS_KEY_ID`. */
  accessKeyId: string;
  /** `AMAZON_SECRET_ACCESS_KEY`. */
  secretAccessKey: string;
  /** `AMAZON_REGION` (default us-east-1). */
  region: string;
  /** Keys go under this folder of the bucket (`AMAZON_S3_SUBFOLDER`). */
  subfolder: string;
  /** A canned ACL put on each object (`AMAZON_OBJECT_ACL`, e.g. `public-read`). */
  objectAcl?: string;
  /** An S3-compatible server's base URL instead of AWS (`AMAZON_ENDPOINT_URL`). */
  endpointUrl?: string;
}
