import assert from "node:assert/strict";
import { loadConfig } from "../../src/config/load_config.ts";
import type { Config } from "../../src/config/config.ts";
import { languageLabel } from "../../src/config/locale_settings.ts";
import { ConfigError } from "../../src/errors.ts";

Deno.test("loadConfig with no service URLs selects the embedded engines under DATA_DIR", () => {
  const config = loadConfig({ DATA_DIR: "/tmp/x" });
  assert.deepEqual(config.engines, {
    documents: "sqlite",
    search: "sqlite",
    queue: "sqlite",
    bus: "memory",
  });
  assert.equal(config.dataDir, "/tmp/x");
  assert.equal(config.port, 5000);
  assert.equal(config.wsPort, 5100);
  assert.deepEqual(config.roles, ["api", "ws", "worker"]);
});

Deno.test("loadConfig selects each service engine whose URL is set", () => {
  const config = loadConfig({
    MONGO_URI: "mongodb://127.0.0.1:27017",
    ELASTICSEARCH_URL: "http://127.0.0.1:9200",
    REDIS_URL: "redis://127.0.0.1:6379",
  });
  assert.deepEqual(config.engines, {
    documents: "mongo",
    search: "elastic",
    queue: "redis",
    bus: "redis",
  });
});

Deno.test("the legal archive is off and queue entries expire after 14 days by default", () => {
  const defaults = loadConfig({});
  assert.equal(defaults.legalArchive, false);
  assert.equal(defaults.publishQueueExpiryMinutes, 14 * 24 * 60);
  // Negative, as Superdesk's tests set it: every entry expires.
  const set = loadConfig({ LEGAL_ARCHIVE: "true", PUBLISH_QUEUE_EXPIRY_MINUTES: "-1" });
  assert.equal(set.legalArchive, true);
  assert.equal(set.publishQueueExpiryMinutes, -1);
  assert.throws(() => loadConfig({ PUBLISH_QUEUE_EXPIRY_MINUTES: "-x" }), /PUBLISH_QUEUE_EXPIRY/);
});

Deno.test("SUPERDESK_TESTING (prepopulate's erase) is on only when set to a true value", () => {
  assert.equal(loadConfig({}).superdeskTesting, false);
  for (const off of ["false", "FALSE", "0", "no", "off", "", "  "]) {
    assert.equal(loadConfig({ SUPERDESK_TESTING: off }).superdeskTesting, false, `"${off}"`);
  }
  for (const on of ["true", "True", "1", "yes", "on"]) {
    assert.equal(loadConfig({ SUPERDESK_TESTING: on }).superdeskTesting, true, `"${on}"`);
  }
  // Anything else refuses to start rather than guess.
  for (const unclear of ["flase", "2", "testing"]) {
    assert.throws(
      () => loadConfig({ SUPERDESK_TESTING: unclear }),
      (error: unknown) => error instanceof ConfigError && error.variable === "SUPERDESK_TESTING",
    );
  }
});

Deno.test("loadConfig returns a frozen object", () => {
  const config = loadConfig({});
  assert.ok(Object.isFrozen(config));
  assert.ok(Object.isFrozen(config.roles));
});

for (
  const [variable, value] of [
    ["PORT", "http"],
    ["PORT", "70000"],
    ["WORKERS", "-1"],
    ["MONGO_URI", "postgres://x"],
    ["MONGO_URI", "not a url"],
    ["ELASTICSEARCH_URL", "ftp://x"],
    ["REDIS_URL", "http://x"],
    ["LOG_LEVEL", "loud"],
    ["WS_ALLOW_UNAUTHENTICATED", "maybe"],
    ["ELASTICSEARCH_INDEX", "a b"],
    ["SESSION_EXPIRY_MINUTES", "0"],
    ["X_HEADERS", "Content Type"],
    ["DEFAULT_TIMEZONE", "Mars/Olympus"],
    ["DEFAULT_LANGUAGE", "not a language"],
    ["LANGUAGES", "en,en"],
    ["LANGUAGES", "en,de:"],
    ["LANGUAGES", "en-u-ca-gregory"],
    ["LANGUAGES", "en,en-x-foo:Foo"],
    ["USER_USERNAME_PATTERN", "[a-"],
    ["DEFAULT_GENRE_VALUE_FOR_MANUAL_ARTICLES", "Article"],
    ["DEFAULT_GENRE_VALUE_FOR_MANUAL_ARTICLES", '[{"name": "no qcode"}]'],
    ["DEFAULT_PRIORITY_VALUE_FOR_MANUAL_ARTICLES", "high"],
    ["SCHEMA", "{headline: {}}"],
    ["SCHEMA", '{"text": []}'],
    ["VALIDATOR_MEDIA_METADATA", "headline,slugline"],
    ["VALIDATOR_MEDIA_METADATA", '{"headline": true}'],
    ["VALIDATOR_MEDIA_METADATA", '[{"headline": {}}]'],
    ["PICTURE_METADATA_MAPPING", '{"slugline": "Titel"}'],
    ["PICTURE_METADATA_MAPPING", "[]"],
    ["PICTURE_METADATA_MAPPING", "slugline=Title"],
    ["UPLOAD_URL_ALLOWED_NETWORKS", "10.0.0.0/33"],
    ["UPLOAD_URL_ALLOWED_NETWORKS", "intranet.example"],
    ["INGEST_CONTENT_URL_ALLOWED_NETWORKS", "127.0.0.1/40"],
    ["UPLOAD_URL_TIMEOUT_SECONDS", "0"],
  ]
) {
  Deno.test(`loadConfig with malformed ${variable}="${value}" fails naming the variable`, () => {
    assert.throws(
      () => loadConfig({ [variable!]: value }),
      (error: unknown) =>
        error instanceof ConfigError && error.variable === variable &&
        error.message.startsWith(`${variable}:`),
    );
  });
}

Deno.test("command-line overrides win over the environment", () => {
  const config = loadConfig({ PORT: "6000", WORKERS: "3" }, { port: 7000, workers: 1 });
  assert.equal(config.port, 7000);
  assert.equal(config.workers, 1);
});

Deno.test("web client settings: Superdesk's CORS headers, locale from the environment", () => {
  const defaults = loadConfig({ DEFAULT_TIMEZONE: "Europe/Prague" });
  assert.deepEqual(defaults.xHeaders, ["Content-Type", "Authorization", "If-Match"]);
  assert.equal(defaults.xMaxAgeSeconds, 86400);
  assert.equal(defaults.defaultTimezone, "Europe/Prague");
  assert.equal(defaults.defaultLanguage, "en");
  assert.deepEqual(defaults.languages.map(languageLabel), ["English"]);
  const set = loadConfig({ DEFAULT_LANGUAGE: "de", LANGUAGES: "de, fr-ca, cs:Čeština" });
  assert.deepEqual(set.languages, [
    { language: "de" },
    { language: "fr-CA" },
    { language: "cs", label: "Čeština" },
  ]);
  assert.deepEqual(set.languages.map(languageLabel), ["German", "Canadian French", "Čeština"]);
  assert.equal(typeof loadConfig({}).defaultTimezone, "string");
});

Deno.test("DEFAULT_TIMEZONE: UTC's names, known without asking ICU, get ICU's name for them", () => {
  for (const zone of ["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Zulu", "GMT0"]) {
    const expected = new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
    assert.equal(loadConfig({ DEFAULT_TIMEZONE: zone }).defaultTimezone, expected, zone);
  }
  assert.equal(loadConfig({ DEFAULT_TIMEZONE: "US/Eastern" }).defaultTimezone, "America/New_York");
  const host = Intl.DateTimeFormat().resolvedOptions().timeZone;
  assert.equal(loadConfig({}).defaultTimezone, host, "unset: the host's zone, as ICU names it");
});

Deno.test("AMAZON_CONTAINER_NAME puts media in S3 with Superdesk's AMAZON_* settings", () => {
  assert.equal(loadConfig({}).amazon, undefined);
  const config = loadConfig({
    AMAZON_CONTAINER_NAME: "sd-media",
    AMAZON_ACCESS_KEY_ID: "key",
    AMAZON_SECRET_ACCESS_KEY: "secret",
    AMAZON_S3_SUBFOLDER: "prod",
    MEDIA_PREFIXES_TO_FIX: "https://old.example.com/media/, https://older.example.com",
  });
  assert.deepEqual(config.amazon, {
    containerName: "sd-media",
    accessKeyId: "key",
    secretAccessKey: "secret",
    region: "us-east-1",
    subfolder: "prod",
    objectAcl: undefined,
    endpointUrl: undefined,
  });
  assert.deepEqual(config.mediaPrefixesToFix, [
    "https://old.example.com/media",
    "https://older.example.com",
  ]);
});

for (
  const [variable, env] of [
    ["AMAZON_CONTAINER_NAME", { AMAZON_CONTAINER_NAME: "Not_A_Bucket" }],
    ["AMAZON_ACCESS_KEY_ID", { AMAZON_CONTAINER_NAME: "sd-media" }],
    [
      "AMAZON_SECRET_ACCESS_KEY",
      { AMAZON_CONTAINER_NAME: "sd-media", AMAZON_ACCESS_KEY_ID: "key" },
    ],
    ["AMAZON_ENDPOINT_URL", {
      AMAZON_CONTAINER_NAME: "sd-media",
      AMAZON_ACCESS_KEY_ID: "key",
      AMAZON_SECRET_ACCESS_KEY: "secret",
      AMAZON_ENDPOINT_URL: "s3.local",
    }],
    ["AMAZON_S3_SUBFOLDER", {
      AMAZON_CONTAINER_NAME: "sd-media",
      AMAZON_ACCESS_KEY_ID: "key",
      AMAZON_SECRET_ACCESS_KEY: "secret",
      AMAZON_S3_SUBFOLDER: "media/../other-app",
    }],
  ] as const
) {
  Deno.test(`an S3 configuration without a valid ${variable} fails at start naming it`, () => {
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => error instanceof ConfigError && error.variable === variable,
    );
  });
}

Deno.test("MEDIA_PREFIXES_TO_FIX refuses a prefix that would rewrite the current hrefs too", () => {
  for (const earlier of ["/", "https://cdn.example.com", "https://cdn.example.com/media/"]) {
    assert.throws(
      () =>
        loadConfig({
          MEDIA_PREFIX: "https://cdn.example.com/media",
          MEDIA_PREFIXES_TO_FIX: earlier,
        }),
      (error: unknown) =>
        error instanceof ConfigError && error.variable === "MEDIA_PREFIXES_TO_FIX",
      earlier,
    );
  }
  assert.deepEqual(
    loadConfig({
      MEDIA_PREFIX: "https://cdn.example.com/media",
      MEDIA_PREFIXES_TO_FIX: "http://cdn.example.com/media/",
    })
      .mediaPrefixesToFix,
    ["http://cdn.example.com/media"],
  );
});

Deno.test("PICTURE_METADATA_MAPPING is a frozen map of item fields to photo metadata keys", () => {
  assert.deepEqual(loadConfig({}).pictureMetadataMapping, {});
  const mapping = loadConfig({
    PICTURE_METADATA_MAPPING: '{"slugline": "Title", "extra.transref": "JobId"}',
  }).pictureMetadataMapping;
  assert.deepEqual(mapping, { slugline: "Title", "extra.transref": "JobId" });
  assert.ok(Object.isFrozen(mapping));
});

Deno.test("VALIDATOR_MEDIA_METADATA: Superdesk's six required media fields, or the setting's own", () => {
  const required = (rules: Config["mediaMetadataValidator"]) =>
    Object.keys(rules).filter((field) => rules[field]!.required === true);
  assert.deepEqual(required(loadConfig({}).mediaMetadataValidator), [
    "headline",
    "slugline",
    "alt_text",
    "anpa_category",
    "subject",
    "description_text",
  ]);
  const own = loadConfig({ VALIDATOR_MEDIA_METADATA: '{"byline": {"required": true}}' });
  assert.deepEqual(own.mediaMetadataValidator, { byline: { required: true } });
  assert.ok(Object.isFrozen(own.mediaMetadataValidator));
});
