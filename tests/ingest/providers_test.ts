/** `ingest_providers` over HTTP: Superdesk's schema and rules, credentials kept in. */
import assert from "node:assert/strict";
import { body, eventsNamed, refused } from "../newsroom/_newsroom.ts";
import { fixture } from "./_fixtures.ts";
import { ingestTest, items } from "./_ingest_room.ts";

ingestTest("a provider gets Superdesk's defaults, its password never comes back", async (room) => {
  room.feeds.set("/world.rss", { body: fixture("rss_world.xml") });
  const provider = await room.provider({
    name: "Northwind World",
    source: "northwind",
    feeding_service: "rss",
    is_closed: false,
    config: { url: `${room.feeds.url}/world.rss`, username: "agency", password: "s3cret" },
  });
  assert.equal(provider.content_expiry, 5256000);
  assert.deepEqual(provider.config, { url: `${room.feeds.url}/world.rss`, username: "agency" });
  assert.deepEqual(provider.notifications, {
    on_update: true,
    on_error: true,
    on_close: true,
    on_open: true,
  });
  assert.equal(provider.last_opened.opened_by, room.chief.userId);
  assert.deepEqual(provider.update_schedule, { minutes: 5 });
  const list = items(await room.get("/api/ingest_providers"));
  assert.equal(list.length, 1);
  assert.equal(JSON.stringify(list).includes("s3cret"), false);
  const created = (await eventsNamed(room, "ingest_provider:create"))[0];
  assert.deepEqual(created?.extra, { provider_id: provider._id });
  // A PATCH without the password keeps the stored one (the client never saw it).
  const patched = await room.chief.patch(`/api/ingest_providers/${provider._id}`, {
    config: { url: `${room.feeds.url}/world.rss`, username: "agency2" },
  }, { etag: provider._etag });
  assert.equal(patched.status, 200, await patched.clone().text());
  assert.equal(JSON.stringify(await patched.json()).includes("s3cret"), false);
  const stored = await room.app.platform.registry.service("ingest_providers").findOne({
    _id: provider._id,
  });
  assert.deepEqual(stored?.config, {
    url: `${room.feeds.url}/world.rss`,
    username: "agency2",
    password: "s3cret",
  });
  const updated = (await eventsNamed(room, "ingest_provider:update"))[0];
  assert.deepEqual(updated?.extra, { provider_id: provider._id });
  const defaults = await room.provider({
    name: "defaults",
    source: "x",
    feeding_service: "rss",
    content_expiry: 0,
    skip_config_test: true,
  });
  assert.equal(defaults.content_expiry, 2880);
  await refused(
    await room.chief.post("/api/ingest_providers", {
      name: "NORTHWIND world",
      source: "x",
      feeding_service: "rss",
      skip_config_test: true,
    }),
    400,
  );
});

ingestTest("the configuration is tested on save unless skip_config_test", async (room) => {
  const bad = {
    name: "foo",
    source: "foo",
    feeding_service: "rss",
    config: { url: "http://127.0.0.1:1" },
  };
  const error = await body(await room.chief.post("/api/ingest_providers", bad), 400);
  assert.match(JSON.stringify(error), /configuration does not work/);
  const skipped = await room.chief.post("/api/ingest_providers", {
    ...bad,
    skip_config_test: true,
  });
  assert.equal(skipped.status, 201, await skipped.clone().text());
  await body(
    await room.chief.post("/api/ingest_providers", {
      name: "bar",
      source: "bar",
      feeding_service: "carrier_pigeon",
      skip_config_test: true,
    }),
    400,
  );
  await body(
    await room.chief.post("/api/ingest_providers", {
      name: "baz",
      source: "baz",
      feeding_service: "email",
      feed_parser: "nitf",
      skip_config_test: true,
    }),
    400,
  );
  await body(
    await room.writer.post("/api/ingest_providers", { ...bad, name: "w", skip_config_test: true }),
    403,
  );
});

ingestTest(
  "closing and opening stamps who and when; a provider with items cannot be deleted",
  async (room) => {
    room.feeds.set("/world.rss", { body: fixture("rss_world.xml") });
    const provider = await room.provider({
      name: "closable",
      source: "nw",
      feeding_service: "rss",
      config: { url: `${room.feeds.url}/world.rss` },
    });
    const closed = await body(
      await room.chief.patch(`/api/ingest_providers/${provider._id}`, {
        is_closed: true,
        last_closed: { message: "system misbehaving." },
      }, { etag: provider._etag }),
    );
    const read = await room.get(`/api/ingest_providers/${provider._id}`);
    assert.equal(read.is_closed, true);
    assert.equal(read.last_closed.closed_by, room.chief.userId);
    assert.equal(read.last_closed.message, "system misbehaving.");
    assert.equal((await room.poll(provider._id)).stored, 0, "a closed provider is not polled");
    const opened = await body(
      await room.chief.patch(`/api/ingest_providers/${provider._id}`, { is_closed: false }, {
        etag: closed._etag,
      }),
    );
    assert.equal((await room.poll(provider._id)).stored, 7);
    const current = await room.get(`/api/ingest_providers/${provider._id}`);
    assert.equal(current._etag, opened._etag, "poll bookkeeping leaves the etag alone");
    await refused(
      await room.chief.delete(`/api/ingest_providers/${provider._id}`, { etag: current._etag }),
      403,
      "Deleting an Ingest Source after receiving items is prohibited.",
    );
    const other = await room.provider({
      name: "empty",
      source: "nw",
      feeding_service: "rss",
      skip_config_test: true,
      config: { url: `${room.feeds.url}/none.rss` },
    });
    assert.equal(
      (await room.chief.delete(`/api/ingest_providers/${other._id}`, { etag: other._etag })).status,
      204,
    );
  },
);

/** What Superdesk's "Get list of all errors" (features/ingest_errors) lists, but 4004. */
const SUPERDESK_ALL_ERRORS_BUT_4004 = {
  1001: "Message could not be parsed",
  1002: "Ingest file could not be parsed",
  1004: "NewsML1 input could not be processed",
  1006: "NITF input could not be processed",
  1008: "IPTC7901 input could not be processed",
  2004: "Ingest error",
  4000: "Unknown API ingest error",
  4001: "API ingest connection has timed out.",
  4002: "API ingest has too many redirects",
  4003: "API ingest has request error",
  4005: "API ingest xml parse error",
  4006: "API service not found(404) error",
  4007: "API authorization error",
  5000: "FTP ingest error",
  5001: "FTP parser could not be found",
  6000: "Email authentication failure",
  6002: "Email ingest error",
};

ingestTest(
  "a credential UTF-8 cannot encode (a lone surrogate) is refused with 400",
  async (room) => {
    const response = await room.chief.post("/api/ingest_providers", {
      name: "Broken credentials",
      source: "northwind",
      feeding_service: "rss",
      config: { url: `${room.feeds.url}/feed.rss`, username: "agency", password: "s\uD800cret" },
    });
    await refused(response, 400, /lone surrogate/);
  },
);

ingestTest("io_errors, feeding services and parsers are listed for the client", async (room) => {
  const all = items(await room.get("/api/io_errors"))[0];
  assert.equal(all.all_errors["1001"], "Message could not be parsed");
  assert.equal(all.all_errors["5000"], "FTP ingest error");
  assert.equal(all.all_errors["1008"], "IPTC7901 input could not be processed");
  assert.equal(all.all_errors["1004"], "NewsML1 input could not be processed");
  assert.equal(all.all_errors["4004"], undefined, "no request of ours can fail to encode");
  for (const [code, message] of Object.entries(SUPERDESK_ALL_ERRORS_BUT_4004)) {
    assert.equal(all.all_errors[code], message, code);
  }
  const email = items(await room.get("/api/io_errors?source_type=email"))[0];
  assert.equal(email.source_errors["6000"], "Email authentication failure");
  assert.equal(email.all_errors["1002"], "Ingest file could not be parsed");
  assert.equal(email.source_errors["4000"], undefined);
  const reuters = items(await room.get("/api/io_errors?source_type=reuters_http"))[0];
  assert.equal(reuters.source_errors["4007"], "API authorization error");
  assert.equal(reuters.source_errors["4002"], "API ingest has too many redirects");
  const services = items(await room.get("/api/feeding_services_allowed"));
  assert.deepEqual(
    services.map((s) => s.feeding_service),
    ["rss", "http", "reuters_http", "ritzau", "bbc_ldrs", "ftp", "file", "email"],
  );
  assert.ok(
    services.find((s) => s.feeding_service === "ftp").fields.some((f: { id: string }) =>
      f.id === "host"
    ),
  );
  const parsers = items(await room.get("/api/feed_parsers_allowed")).map((p) => p.feed_parser);
  assert.deepEqual(parsers.sort(), [
    "afpnewsml12",
    "afpnewsmlnew",
    "ananewsml12",
    "anpa1312",
    "ap_anpa1312",
    "bbc_ninjs",
    "dpa_iptc7901",
    "dpanewsml",
    "efe_nitf",
    "email_rfc822",
    "iptc7901",
    "newsml12",
    "newsml2",
    "ninjs",
    "nitf",
    "pa_nitf",
    "ritzau",
    "rss",
    "scoop_newsml2",
    "sttnewsml",
    "wenn",
  ]);
  const handlers = items(await room.get("/api/ingest_rule_handlers"));
  assert.equal(handlers[0]._id, "desk_fetch_publish");
  assert.deepEqual(handlers[0].supported_actions, { fetch_to_desk: true, publish_from_desk: true });
});
