/** Routing schemes over HTTP: validation, and items routed to desks on arrival, once. */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/app_api.ts";
import { body } from "../newsroom/_newsroom.ts";
import { type IngestRoom, ingestTest, items } from "./_ingest_room.ts";

/** A NINJS page of stories with the given subjects. */
function page(stories: { guid: string; subject: string; version?: number }[]) {
  return JSON.stringify({
    _items: stories.map((story) => ({
      guid: story.guid,
      type: "text",
      version: story.version ?? 1,
      headline: `Story ${story.guid}`,
      versioncreated: "2026-01-06T10:00:00+0000",
      subject: [{ code: story.subject, name: story.subject }],
    })),
  });
}

/** An HTTP provider reading the room's NINJS feed at /api, routed by scheme `scheme`. */
function ninjsProvider(room: IngestRoom, name: string, scheme: string) {
  return room.provider({
    name,
    source: "northwind",
    feeding_service: "http",
    feed_parser: "ninjs",
    routing_scheme: scheme,
    config: { url: `${room.feeds.url}/api` },
  });
}

ingestTest("routing schemes are validated as Superdesk does", async (room) => {
  const scheme = (rules: unknown[], name = "scheme") =>
    room.chief.post("/api/routing_schemes", { name, rules });
  const fetch = [{ desk: room.desk._id, stage: room.desk.incoming_stage }];
  await body(await scheme([]), 400);
  await body(
    await scheme([{ name: "r", handler: "desk_fetch_publish", filter: null, actions: {} }]),
    400,
  );
  await body(await scheme([{ name: "r", actions: { fetch }, bogus: 1 }]), 400);
  await body(
    await scheme([{ name: "r", actions: { fetch } }, { name: "r", actions: { fetch } }]),
    400,
  );
  await body(
    await scheme([{ name: "r", actions: { fetch }, schedule: { day_of_week: ["ddd"] } }]),
    400,
  );
  await body(
    await scheme([{
      name: "r",
      actions: { fetch },
      schedule: { day_of_week: ["FRI"], hour_of_day_from: "06:00:00", hour_of_day_to: "04:00:00" },
    }]),
    400,
  );
  await body(
    await scheme([{
      name: "r",
      actions: { fetch },
      schedule: {
        day_of_week: ["FRI"],
        hour_of_day_from: "04:00:00",
        time_zone: "Timezone/Invalid",
      },
    }]),
    400,
  );
  const created = await body(
    await scheme([{
      name: "r",
      handler: "desk_fetch_publish",
      filter: null,
      actions: { fetch },
      schedule: {
        day_of_week: ["FRI", "TUE"],
        hour_of_day_from: "04:00:00",
        hour_of_day_to: "",
        time_zone: "Europe/Rome",
      },
    }]),
    201,
  );
  await body(await scheme([{ name: "r", actions: { fetch } }], "SCHEME"), 400);
  await body(
    await room.writer.post("/api/routing_schemes", {
      name: "w",
      rules: [{ name: "r", actions: { fetch } }],
    }),
    403,
  );
  const provider = await room.provider({
    name: "routed",
    source: "nw",
    feeding_service: "http",
    skip_config_test: true,
    routing_scheme: created._id,
    config: { url: `${room.feeds.url}/none` },
  });
  const read = await room.get(`/api/routing_schemes/${created._id}`);
  // The desk a scheme routes to cannot be deleted (Superdesk's 412).
  const empty = await body(await room.chief.post("/api/desks", { name: "Empty" }), 201);
  const routesThere = await body(
    await room.chief.post("/api/routing_schemes", {
      name: "to empty",
      rules: [{ name: "r", actions: { fetch: [{ desk: empty._id }] } }],
    }),
    201,
  );
  const emptyDesk = await room.get(`/api/desks/${empty._id}`);
  const refusal = await body(
    await room.chief.delete(`/api/desks/${empty._id}`, { etag: emptyDesk._etag }),
    412,
  );
  assert.equal(
    refusal._error.message,
    "Cannot delete desk as routing scheme(s) are associated with the desk",
  );
  assert.ok(routesThere._id);
  await body(
    await room.chief.delete(`/api/routing_schemes/${created._id}`, { etag: read._etag }),
    403,
  );
  const removed = await room.chief.delete(`/api/ingest_providers/${provider._id}`, {
    etag: provider._etag,
  });
  assert.equal(removed.status, 204);
  assert.equal(
    (await room.chief.delete(`/api/routing_schemes/${created._id}`, { etag: read._etag })).status,
    204,
  );
});

ingestTest(
  "a routing scheme sends matching items to desks on arrival, once per version",
  async (room) => {
    const sportsDesk = await body(await room.chief.post("/api/desks", { name: "Sports" }), 201);
    const sports = await room.get(`/api/desks/${sportsDesk._id}`);
    const condition = await body(
      await room.chief.post("/api/filter_conditions", {
        name: "Sport",
        field: "subject",
        operator: "in",
        value: "15000000",
      }),
      201,
    );
    const filter = await body(
      await room.chief.post("/api/content_filters", {
        name: "Sport content",
        content_filter: [{ expression: { fc: [condition._id] } }],
      }),
      201,
    );
    const scheme = await body(
      await room.chief.post("/api/routing_schemes", {
        name: "agency routing",
        rules: [
          {
            name: "Sports Rule",
            handler: "desk_fetch_publish",
            filter: filter._id,
            actions: { fetch: [{ desk: sports._id, stage: sports.incoming_stage }], exit: true },
          },
          { name: "Everything else", filter: null, actions: { fetch: [{ desk: room.desk._id }] } },
        ],
      }),
      201,
    );
    room.feeds.set("/api", {
      body: page([{ guid: "g-sport", subject: "15000000" }, {
        guid: "g-politics",
        subject: "11000000",
      }]),
      contentType: "application/json",
      etag: '"a"',
    });
    const provider = await ninjsProvider(room, "routing provider", scheme._id);
    const polled = await room.poll(provider._id);
    assert.deepEqual({ stored: polled.stored, problems: polled.problems }, {
      stored: 2,
      problems: 0,
    });
    const onDesk = async (deskId: string) =>
      items(
        await room.get(
          `/api/archive?where=${encodeURIComponent(JSON.stringify({ "task.desk": deskId }))}`,
        ),
      );
    const sportsItems = await onDesk(sports._id);
    assert.deepEqual(
      sportsItems.map((item) => item.ingest_id),
      ["g-sport"],
      "exit stops at the first rule",
    );
    assert.equal(sportsItems[0].state, "routed");
    assert.equal(sportsItems[0].task.stage, sports.incoming_stage);
    const politics = await onDesk(room.desk._id);
    assert.deepEqual(politics.map((item) => item.ingest_id), ["g-politics"]);
    assert.equal(politics[0].task.stage, room.desk.incoming_stage);
    const ingested = items(await room.get("/api/ingest"));
    assert.ok(ingested.every((item) => item.routing_pending === false), "routing done");
    // The same version again is not routed again; a new version is routed once more.
    room.feeds.set("/api", {
      body: page([{ guid: "g-sport", subject: "15000000" }, {
        guid: "g-politics",
        subject: "11000000",
        version: 2,
      }]),
      contentType: "application/json",
      etag: '"b"',
    });
    await room.poll(provider._id);
    assert.equal((await onDesk(sports._id)).length, 1);
    assert.equal((await onDesk(room.desk._id)).length, 2);
  },
);

/** Ingests story `guid` through a provider whose rule publishes everything to the room's desk. */
async function autoPublish(room: IngestRoom, guid: string) {
  const scheme = await body(
    await room.chief.post("/api/routing_schemes", {
      name: "auto publish",
      rules: [{
        name: "Publish everything",
        filter: null,
        actions: { publish: [{ desk: room.desk._id, stage: room.desk.incoming_stage }] },
      }],
    }),
    201,
  );
  room.feeds.set("/api", {
    body: page([{ guid, subject: "04000000" }]),
    contentType: "application/json",
  });
  return await room.poll((await ninjsProvider(room, "auto publisher", scheme._id))._id);
}

ingestTest("a rule's publish action routes the item to the desk and publishes it", async (room) => {
  const polled = await autoPublish(room, "g-auto");
  assert.deepEqual({ stored: polled.stored, problems: polled.problems }, {
    stored: 1,
    problems: 0,
  });
  const where = encodeURIComponent(JSON.stringify({ ingest_id: "g-auto" }));
  // Archive lists only workflow states (as Superdesk): the published item is read by its id.
  assert.deepEqual(items(await room.get(`/api/archive?where=${where}`)), []);
  const published = items(await room.get(`/api/published?where=${where}`));
  assert.equal(published.length, 1);
  const routed = await room.get(`/api/archive/${published[0]._id}`);
  assert.equal(routed.state, "published");
  assert.equal(routed.task.desk, room.desk._id);
});

ingestTest(
  "a destination whose macro fails does not stop the others, and a re-delivery publishes once",
  async (room) => {
    const other = await body(await room.chief.post("/api/desks", { name: "Other" }), 201);
    const scheme = await body(
      await room.chief.post("/api/routing_schemes", {
        name: "with a failing macro",
        rules: [
          {
            name: "Fetch and send out",
            filter: null,
            actions: {
              fetch: [{ desk: other._id, macro: "always_fails" }],
              publish: [{ desk: room.desk._id }],
            },
          },
          { name: "Everything", filter: null, actions: { fetch: [{ desk: other._id }] } },
        ],
      }),
      201,
    );
    const feed = (etag: string) =>
      room.feeds.set("/api", {
        body: page([{ guid: "g-macro", subject: "04000000" }]),
        contentType: "application/json",
        etag,
      });
    feed('"a"');
    const provider = await ninjsProvider(room, "macro routing", scheme._id);
    const where = encodeURIComponent(JSON.stringify({ ingest_id: "g-macro" }));
    const outcome = async () => ({
      published: items(await room.get(`/api/published?where=${where}`)).length,
      routed: items(await room.get(`/api/archive?where=${where}`)).map((item) => item.task.desk),
      error: (await room.get(`/api/ingest_providers/${provider._id}`)).last_error?.message,
    });
    const first = await room.poll(provider._id);
    assert.deepEqual({ failed: first.failed, problems: first.problems }, {
      failed: undefined,
      problems: 1,
    });
    const afterFirst = await outcome();
    assert.deepEqual([afterFirst.published, afterFirst.routed], [1, [other._id]]);
    assert.match(afterFirst.error, /fetch 0: .*always_fails.*the macro broke/);
    // The same version again (its routing still pending): routed items are found, not re-made,
    // and the published one is not published a second time.
    feed('"b"');
    await room.poll(provider._id);
    const afterSecond = await outcome();
    assert.deepEqual([afterSecond.published, afterSecond.routed], [1, [other._id]]);
    assert.doesNotMatch(afterSecond.error, /publish/);
  },
  { env: { INSTALLED_APPS: "tests/apps/fixtures/failing_macro_app.ts" } },
);

ingestTest(
  "Set Default Template Metadata on a fetch destination fills from that desk's template",
  async (room) => {
    // Superdesk's fetch passes the destination desk to the macro (`dest_desk_id`): the ingested
    // item has no desk of its own yet.
    const [template] = await room.app.platform.registry.service("content_templates").create(
      [{
        template_name: "sports default",
        template_type: "create",
        is_public: true,
        data: { slugline: "template slug", anpa_take_key: "template take" },
      }],
      SYSTEM_ACTOR,
    );
    const sports = await body(
      await room.chief.post("/api/desks", {
        name: "Sports",
        default_content_template: template!._id,
      }),
      201,
    );
    const scheme = await body(
      await room.chief.post("/api/routing_schemes", {
        name: "with template metadata",
        rules: [{
          name: "Fetch",
          filter: null,
          actions: { fetch: [{ desk: sports._id, macro: "Set Default Template Metadata" }] },
        }],
      }),
      201,
    );
    room.feeds.set("/api", {
      body: page([{ guid: "g-template", subject: "04000000" }]),
      contentType: "application/json",
      etag: '"t"',
    });
    const provider = await ninjsProvider(room, "template routing", scheme._id);
    const polled = await room.poll(provider._id);
    assert.equal(polled.problems, 0);
    const where = encodeURIComponent(JSON.stringify({ ingest_id: "g-template" }));
    const [routed] = items(await room.get(`/api/archive?where=${where}`));
    assert.equal(routed?.task.desk, sports._id);
    assert.equal(routed?.headline, "Story g-template");
    assert.equal(routed?.slugline, "template slug");
    assert.equal(routed?.anpa_take_key, "template take");
  },
);

ingestTest(
  "a rule's publish holds the item to its desk's profile: a missing required field keeps it routed",
  async (room) => {
    // AUTO_PUBLISH_CONTENT_PROFILE (on by default): Superdesk's `validate` of act `auto_publish`
    // takes the item's profile, here its desk's default, which requires an editor's note.
    await room.app.platform.registry.service("content_types").create([{
      _id: "noted",
      label: "Noted",
      enabled: true,
      schema: { headline: { type: "string" }, ednote: { type: "string", required: true } },
      editor: { headline: { enabled: true }, ednote: { enabled: true } },
    }], SYSTEM_ACTOR);
    const desk = await room.get(`/api/desks/${room.desk._id}`);
    await body(
      await room.chief.patch(`/api/desks/${desk._id}`, { default_content_profile: "noted" }, {
        etag: desk._etag,
      }),
    );
    await autoPublish(room, "g-noted");
    const where = encodeURIComponent(JSON.stringify({ ingest_id: "g-noted" }));
    assert.deepEqual(items(await room.get(`/api/published?where=${where}`)), []);
    const [routed] = items(await room.get(`/api/archive?where=${where}`));
    assert.equal(routed?.profile, "noted");
    assert.equal(routed?.state, "routed");
    assert.equal(routed?.task.desk, room.desk._id);
  },
);
