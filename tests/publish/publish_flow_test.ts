/**
 * Publishing over HTTP, end to end through the workers' tasks: publish → every subscriber's
 * destination receives a schema-valid document; correct and kill reach the same subscribers;
 * invalid items and illegal transitions are refused with nothing written; a broken destination
 * or formatter leaves entries marked with the reason. Embedded default and real engines.
 */
import assert from "node:assert/strict";
import { body, eventsNamed, type Json, refused } from "../newsroom/_newsroom.ts";
import { within } from "../notify/_collect.ts";
import { publishingTest, type Room } from "./_publishing.ts";
import { hasXmllint, newsmlG2Errors, ninjsErrors } from "./_schemas.ts";

const xmllint = hasXmllint();

/** Waits until `count` queue entries were announced in `state`. */
function queueUpdates(room: Room, state: string, count: number) {
  return room.events.until(
    (events) =>
      events.filter((e) => e.event === "publish_queue:update" && e.extra.state === state)
        .length >= count,
    `${count} queue entries ${state}`,
    20_000,
  );
}

async function queueOf(room: { editor: { get(path: string): Promise<Response> } }, itemId: string) {
  const where = JSON.stringify({ item_id: itemId });
  return (await body(await room.editor.get(`/api/publish_queue?where=${where}&max_results=100`)))
    ._items as Json[];
}

publishingTest(
  "publish sends schema-valid NINJS and NewsML-G2 to every subscriber",
  async (room) => {
    const product = await room.product({ codes: "abc, xyz" });
    const digital = await room.subscriber({
      name: "Digital",
      subscriber_type: "digital",
      products: [product._id],
      destinations: [room.pushTo("/ninjs"), room.pushTo("/g2", "newsmlg2")],
    });
    await room.subscriber({
      name: "Wire",
      subscriber_type: "wire",
      products: [product._id],
      destinations: [room.pushTo("/wire")],
    });
    const story = await room.story({ headline: "Budget passes", slugline: "budget" });
    const response = await room.act("publish", story);
    const published = await body(response);
    assert.equal(published.state, "published");
    assert.equal(published._current_version, story._current_version + 1);
    assert.equal(published.pubstatus, "usable");
    await queueUpdates(room, "success", 3);
    const byPath = Object.fromEntries(room.receiver.received.map((r) => [r.path, r]));
    const ninjs = JSON.parse(byPath["/ninjs"]!.body);
    assert.deepEqual(await ninjsErrors(ninjs), []);
    assert.equal(ninjs.guid, story._id);
    assert.equal(ninjs.headline, "Budget passes");
    assert.equal(ninjs.version, String(published._current_version));
    assert.equal(JSON.parse(byPath["/wire"]!.body).guid, story._id);
    if (xmllint) assert.equal(await newsmlG2Errors(byPath["/g2"]!.body), "");
    const entries = await queueOf(room, story._id);
    assert.equal(entries.length, 3);
    for (const entry of entries) {
      assert.equal(entry.state, "success");
      assert.equal(entry.item_version, published._current_version);
      assert.deepEqual([...entry.codes].sort(), ["abc", "xyz"]);
      // The formatted item is stored apart from the entry; the API shows it as Superdesk does.
      const path = new URL(String(entry.destination.config.resource_url)).pathname;
      assert.equal(entry.formatted_item, byPath[path]!.body);
      assert.equal(entry.formatted_item_id, undefined);
    }
    const one = await body(await room.editor.get(`/api/publish_queue/${entries[0]!._id}`));
    assert.equal(one.formatted_item, entries[0]!.formatted_item);
    assert.equal(one.formatted_item_id, undefined);
    assert.ok(entries.every((entry: Json) => entry.subscriber_id));
    assert.ok(entries.some((entry: Json) => entry.subscriber_id === digital._id));
    const copies = await body(await room.editor.get("/api/published"));
    assert.equal(copies._items.length, 1);
    assert.equal(copies._items[0]._id, story._id);
    assert.equal(copies._items[0].queue_state, "queued");
    const publishEvents = await eventsNamed(room, "item:publish");
    assert.equal(publishEvents.length, 1);
    assert.equal(publishEvents[0]!.extra.item, story._id);
    const updates = (await eventsNamed(room, "publish_queue:update")).map((event) =>
      event.extra.state
    );
    assert.equal(updates.filter((state) => state === "success").length, 3);
  },
);

publishingTest("correct and kill reach the subscribers that had the item", async (room) => {
  const product = await room.product();
  await room.subscriber({ name: "A", products: [product._id], destinations: [room.pushTo("/a")] });
  const story = await room.story();
  const published = await body(await room.act("publish", story));
  await within(room.receiver.until((r) => r.length >= 1), "publish delivery");
  const late = await room.subscriber({
    name: "Late",
    subscriber_type: "wire",
    products: [product._id],
    destinations: [room.pushTo("/late")],
  });
  const corrected = await body(await room.act("correct", published, { headline: "Corrected" }));
  assert.equal(corrected.state, "corrected");
  assert.equal(corrected.headline, "Corrected");
  await within(room.receiver.until((r) => r.length >= 3), "correction deliveries");
  const killed = await body(await room.act("kill", corrected, { body_html: "<p>Killed</p>" }));
  assert.equal(killed.state, "killed");
  assert.equal(killed.pubstatus, "canceled");
  await within(room.receiver.until((r) => r.length >= 5), "kill deliveries");
  // Each destination receives its versions in order (destinations are served in parallel).
  const versionsAt = (path: string) =>
    room.receiver.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body).version);
  const [first, correction, kill] = [published, corrected, killed].map((item) =>
    String(item._current_version)
  );
  assert.deepEqual(versionsAt("/a"), [first, correction, kill]);
  assert.deepEqual(versionsAt("/late"), [correction, kill]);
  const kills = room.receiver.received.filter((r) => JSON.parse(r.body).pubstatus === "canceled");
  assert.equal(kills.length, 2);
  assert.ok(late._id);
  const refusedAgain = await room.act("publish", killed);
  const again = await refused(refusedAgain, 400, "Can't publish as item state is killed");
  assert.equal(again._issues["validator exception"], "412: Can't publish as item state is killed");
});

publishingTest(
  "an invalid item is refused with Superdesk's issues and nothing is written",
  async (room) => {
    await room.editor.post("/api/validators", {}); // no privilege: refused below, no effect
    const validators = room.app.platform.registry.service("validators");
    await validators.create([{
      _id: "publish_text",
      act: "publish",
      type: "text",
      schema: { headline: { type: "string", required: true, maxlength: 20 } },
    }]);
    const story = await room.story({ headline: "A headline that is far too long" });
    const error = await refused(await room.act("publish", story), 400);
    assert.equal(error._issues["validator exception"], "[['HEADLINE is too long']]");
    assert.deepEqual(error._issues.fields, { headline: "max length is 20" });
    const after = await body(await room.editor.get(`/api/archive/${story._id}`));
    assert.equal(after._current_version, story._current_version);
    assert.equal(after.state, story.state);
    assert.equal((await body(await room.editor.get("/api/published")))._items.length, 0);
    const missing = await refused(await room.act("publish", story, { headline: null }), 400);
    assert.equal(missing._issues["validator exception"], "[['HEADLINE is a required field']]");
  },
);

publishingTest(
  "a takedown and an unpublish are validated as kills, as Superdesk's",
  async (room) => {
    await room.app.platform.registry.service("validators").create([{
      _id: "kill_text",
      act: "kill",
      type: "text",
      schema: { ednote: { type: "string", required: true } },
    }]);
    const story = await body(await room.act("publish", await room.story()));
    for (const action of ["takedown", "unpublish"]) {
      const refusal = await room.act(action, story);
      assert.equal(refusal.status, 400, await refusal.clone().text());
      assert.equal(
        (await refusal.json())._issues["validator exception"],
        "[['ED. NOTE is a required field']]",
      );
    }
  },
);

publishingTest(
  "illegal transitions, stale etags and missing privileges are refused",
  async (room) => {
    const story = await room.story();
    // Superdesk's 412 refusal reaches the client as Eve's 400 naming it.
    const correct = await refused(
      await room.act("correct", story),
      400,
      "Can't correct as item state is submitted",
    );
    assert.equal(
      correct._issues["validator exception"],
      "412: Can't correct as item state is submitted",
    );
    await refused(await room.act("kill", story), 400, "Can't kill as item state is submitted");
    await refused(await room.act("publish", { ...story, _etag: "stale" }), 412);
    const noEtag = await room.editor.patch(`/api/archive/publish/${story._id}`, {});
    assert.equal(noEtag.status, 428);
    const writer = await room.writer.patch(`/api/archive/publish/${story._id}`, {}, {
      etag: story._etag,
    });
    await refused(writer, 403);
    const flagged = await room.story({ flags: { marked_for_not_publication: true } });
    const error = await refused(await room.act("publish", flagged), 400);
    assert.equal(
      error._issues["validator exception"],
      "400: Cannot publish an item which is marked as Not for Publication",
    );
    assert.equal((await body(await room.editor.get("/api/published")))._items.length, 0);
  },
);

publishingTest(
  "a broken destination marks its entries with the reason; others still arrive",
  async (room) => {
    const product = await room.product();
    await room.subscriber({
      name: "Broken",
      products: [product._id],
      destinations: [{
        name: "nowhere",
        format: "ninjs",
        delivery_type: "http_push",
        config: { resource_url: "not a url" },
      }, { name: "carrier pigeon", format: "ninjs", delivery_type: "pigeon", config: {} }],
    });
    await room.subscriber({
      name: "Fine",
      products: [product._id],
      destinations: [room.pushTo("/ok")],
    });
    room.receiver.status = (request) => request.path === "/ok" ? 201 : 400;
    const story = await room.story();
    await body(await room.act("publish", story));
    await within(room.receiver.until((r) => r.length >= 1), "the good delivery");
    await queueUpdates(room, "failed", 2);
    const entries = await queueOf(room, story._id);
    const failed = entries.filter((entry: Json) => entry.state === "failed");
    assert.equal(failed.length, 2);
    assert.ok(failed.some((e: Json) => /resource_url/.test(e.error_message)));
    assert.ok(failed.some((e: Json) => /Unknown delivery type "pigeon"/.test(e.error_message)));
  },
);
