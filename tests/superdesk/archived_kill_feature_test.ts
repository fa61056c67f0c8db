/**
 * Superdesk's features/archived_kill.feature over HTTP: killing a story in the archived
 * repository, with the legal archive on (`LEGAL_ARCHIVE`, as Superdesk's test settings): the
 * check a `DELETE /archived/<id>` makes, and the kill and takedown (`PATCH /archived/<id>`).
 * Its subscribers send by e-mail: the scenarios that transmit run where the test mail server is.
 * We send no kill e-mail to all subscribers (README, Publishing), so `we get 1 emails` after a
 * kill is left out.
 */
import assert from "node:assert/strict";
import { expireItems, importLegalPublishQueue } from "./_expiry_steps.ts";
import { inbox, MAIL_MISSING, mailbox, mailEnv } from "./_mail_steps.ts";
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";

/** The feature's Background: Sports desk, validators, prod-1, Channel 1 and 2, kill template. */
async function background(s: Scenario, { recipients = "test@test.com" } = {}) {
  await s.given(
    "desks",
    `[{"name": "Sports", "content_expiry": 60, "members": [{"user": "#CONTEXT_USER_ID#"}]}]`,
  );
  await s.given(
    "validators",
    `[{"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"},
      {"schema": {}, "type": "text", "act": "correct", "_id": "correct_text"},
      {"schema": {}, "type": "text", "act": "kill", "_id": "kill_text"}]`,
  );
  await s.postWithSuccess(
    "/products",
    `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
  );
  const channel = (name: string, type: string, id: string) =>
    `{"name":"${name}", "media_type":"media", "subscriber_type": "${type}",
      "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
      "products": ["#products._id#"], "_id": "${id}", "is_active": true,
      "destinations":[{"name":"Test","format": "nitf", "delivery_type":"email",
        "config":{"recipients":"${recipients}"}}]}`;
  await s.given(
    "subscribers",
    `[${channel("Channel 1", "digital", "s-d")}, ${channel("Channel 2", "wire", "s-w")}]`,
  );
  await s.post(
    "content_templates",
    `{"template_name": "kill", "template_type": "kill",
      "data": {"body_html": "<p>Story killed due to court case. Please remove the story from your archive.<\\/p>",
        "type": "text", "abstract": "This article has been removed",
        "headline": "Kill\\/Takedown notice ~~~ Kill\\/Takedown notice",
        "urgency": 1, "priority": 1, "anpa_take_key": "KILL\\/TAKEDOWN"}}`,
  );
}

/** The task every archived fixture of the feature is on. */
const TASK =
  `"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}`;

/**
 * A published text story of the fixtures (`item_id` and `guid` = `id`, version 2) with the
 * `headline`/`slugline` given and `extra` fields.
 */
function story(id: string, { title = "test", extra = "", type = "text" } = {}): string {
  return `{"item_id": "${id}", "guid": "${id}", "type": "${type}", "headline": "${title}",
    "slugline": "${title}", "anpa_category" : [{"qcode" : "e", "name" : "Entertainment"}],
    "state": "published", ${TASK}, ${extra}
    "subject":[{"qcode": "17004000", "name": "Statistics"}], "body_html": "Test Document body",
    "_current_version": 2}`;
}

/** A published package of the fixtures whose main group refers to `refs`. */
function pkg(id: string, refs: string, extra = ""): string {
  return `{"groups": [{"id": "root", "refs": [{"idRef": "main"}]}, {"id": "main", "refs": [${refs}]}],
    "item_id": "${id}", "guid": "${id}", "type": "composite", "_current_version": 2,
    "state": "published", ${extra} ${TASK}}`;
}

/** The takes package 345 of takes 123 and 234. */
const TAKES_345 = pkg(
  "345",
  `{"headline": "Take-1", "slugline": "Take-1", "residRef": "123", "sequence": 1, "is_published": true},
   {"headline": "Take-2", "slugline": "Take-2", "residRef": "234", "sequence": 2, "is_published": true}`,
  `"package_type": "takes", "sequence": 2,`,
);

/** `When we delete "<url>"` / `Then we get error 400` with `message`. */
async function refused(s: Scenario, url: string, message: string) {
  await s.delete(url);
  s.code(400, `{"_message": "${message}"}`);
}

const IN_PACKAGE = "Can't kill as article is part of a Package";
const TAKES =
  "takes packages (the kill of a take also killing its takes package and the other takes; " +
  "our publishing makes no takes packages)";
const MAIL = { env: mailEnv(), ignore: MAIL_MISSING };

/** `we get text "<text>" in response field "<field>"`. */
function textIn(s: Scenario, text: string, field: string) {
  const value = s.response.body[field];
  assert.ok(String(value).includes(text), `"${text}" is not in ${field}: ${value}`);
}

/** `Then we get list with <n> items` for `/legal_publish_queue` (four entries per action). */
function legalEntries(s: Scenario, entries: Array<[string, number, string]>) {
  s.list(
    entries.length,
    `{"_items": [${
      entries.map(([subscriber, version, action]) =>
        `{"item_id": "123", "subscriber_id": "${subscriber}", "content_type": "text",
          "item_version": ${version}, "publishing_action": "${action}"}`
      ).join(",")
    }]}`,
  );
}

/**
 * Story 123 of the dusty archive scenarios (`extra` fields), posted, published and sent; with
 * `api`, a content API subscriber gets it too, and Channel 1 (digital) does not.
 */
async function publishedAndExpired(s: Scenario, extra = "", { api = false } = {}) {
  if (api) {
    await s.postWithTag(
      "/subscribers",
      "api",
      `{"name":"Channel api", "media_type":"media", "subscriber_type": "wire",
        "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "api_products": ["#products._id#"], "is_active": true}`,
    );
    extra += `"target_types": [{"qcode": "digital", "allow": false}],`;
  }
  await s.postWithSuccess(
    "/archive",
    `[{"guid": "123", "type": "text", "state": "fetched", "slugline": "archived",
      "headline": "headline", "anpa_category" : [{"qcode" : "e", "name" : "Entertainment"}],
      ${TASK}, "subject":[{"qcode": "17004000", "name": "Statistics"}], ${extra}
      "dateline" : {"located" : {"state_code" : "NSW", "city" : "Sydney", "tz" : "Australia/Sydney",
          "country_code" : "AU", "dateline" : "city", "alt_name" : "", "state" : "New South Wales",
          "city_code" : "Sydney", "country" : "Australia"},
        "source" : "AAP", "date" : "2016-04-13T04:29:14", "text" : "SYDNEY April 13 AAP -"},
      "body_html": "Test Document body"}]`,
  );
  await s.publish("#archive._id#", "publish", "published");
  s.ok();
  await s.get("/published");
  s.list(
    1,
    `{"_items" : [{"_id": "123", "state": "published", "type": "text", "_current_version": 2}]}`,
  );
  await s.enqueuePublished();
  await s.get("/publish_queue");
  s.list(2);
  await importLegalPublishQueue(s);
  await s.get("/legal_publish_queue");
  // The content API's entries are done when queued.
  legalEntries(s, api ? [["Channel api", 2, "published"]] : []);
  await s.transmitItems();
  await importLegalPublishQueue(s);
  await s.get("/legal_publish_queue");
  const other = api ? "Channel api" : "Channel 1";
  legalEntries(s, [["Channel 2", 2, "published"], [other, 2, "published"]]);
  await expireItems(s, `["123"]`);
  await s.get("/published");
  s.list(0);
  await s.enqueuePublished();
  await s.get("/publish_queue");
  s.list(0);
  await s.get("/archived");
  s.list(
    1,
    `{"_items" : [{"item_id": "123", "state": "published", "type": "text", "_current_version": 2}]}`,
  );
  await s.get("/legal_publish_queue");
  s.list(2);
}

/** A copy that exists only in `archived` is removed by a kill or takedown (`kind`). */
async function archivedOnly(s: Scenario, kind: string) {
  await s.given(
    "archived",
    `[{"_id": "56aad5a61d41c8aa98ddd015", "guid": "123", "item_id": "123",
      "_current_version": "1", "type": "text", "abstract": "test", "state": "fetched",
      "slugline": "slugline", "headline": "headline",
      "anpa_category" : [{"qcode" : "e", "name" : "Entertainment"}],
      "flags" : {"marked_archived_only": true},
      "subject":[{"qcode": "17004000", "name": "Statistics"}], "body_html": "Test Document body"}]`,
  );
  await s.patch("/archived/56aad5a61d41c8aa98ddd015", `{"operation": "${kind}"}`);
  s.ok();
  await s.get("/archived");
  s.list(0);
}

/**
 * The checks after the kill (`kind`) of story 123 left it in `state`, then its expiry; `other`
 * is the subscriber besides Channel 2 that got it.
 */
async function killedFromArchived(
  s: Scenario,
  kind: string,
  state: string,
  other = "Channel 1",
  emails?: () => Promise<void>,
) {
  await s.get("/published");
  s.list(
    1,
    `{"_items" : [{"_id": "123", "state": "${state}", "type": "text", "_current_version": 3,
      "queue_state": "queued"}]}`,
  );
  await s.transmitItems();
  await importLegalPublishQueue(s);
  await s.get("/legal_publish_queue");
  legalEntries(s, [
    ["Channel 2", 2, "published"],
    ["Channel 2", 3, state],
    [other, 2, "published"],
    [other, 3, state],
  ]);
  await s.get("/archive/123");
  s.ok();
  textIn(s, `Please ${kind} story slugged archived`, "body_html");
  textIn(s, kind === "kill" ? "Killed body" : "Takedown body", "body_html");
  await emails?.();
  await s.get("/archived/123:2");
  s.code(404);
  await s.get("/archived");
  s.list(0);
  await s.get("/legal_archive/123");
  s.existingResource(
    `{"_id": "123", "type": "text", "_current_version": 3, "state": "${state}",
      "pubstatus": "canceled", "operation": "${kind}"}`,
  );
  await s.get("/legal_archive/123?version=all");
  s.list(3);
  await expireItems(s, `["123"]`);
  await s.get("/published");
  s.list(0);
  await s.get("/archive");
  s.list(0);
}

/**
 * Story 123, sent to Channel 2 and a content API subscriber, expired, then killed or taken down
 * (`kind`) from `archived` with `body`: both get the action, and the e-mail says it.
 */
async function dustyWithApi(s: Scenario, kind: string, state: string, body: string) {
  // The subscribers' address is this scenario's own, for `we get emails`.
  const recipients = mailbox("test@test.com");
  await background(s, { recipients });
  await publishedAndExpired(s, "", { api: true });
  await s.patch("/archived/123:2", `{"body_html": "${body}.", "operation": "${kind}"}`);
  s.ok();
  await killedFromArchived(s, kind, state, "Channel api", async () => {
    // `we get emails`: each text is in a message sent.
    const texts = (await inbox(recipients)).map((message) => message.text);
    for (const text of [`Please ${kind} story slugged archived`, body]) {
      assert.ok(texts.some((sent) => sent.includes(text)), `no e-mail with "${text}"`);
    }
  });
}

feature("archived_kill", (f) => {
  f.scenario("Kill a Text Article in the Dusty Archive", ["auth"], async (s) => {
    await dustyWithApi(s, "kill", "killed", "Killed body");
  }, MAIL);
  f.scenario("Kill a Text Article that exists only in Archived", ["auth"], async (s) => {
    await background(s);
    await archivedOnly(s, "kill");
  });
  f.needs("Kill a Text Article also kills the Digital Story in the Dusty Archive", TAKES);
  f.needs(
    "Killing Take in Dusty Archive will kill other takes including the Digital Story",
    TAKES,
  );

  f.scenario("Killing an article other than Text isn't allowed", ["auth"], async (s) => {
    await background(s);
    await s.given("archived", `[${story("123", { type: "preformatted" })}]`);
    await refused(
      s,
      "/archived/#archived._id#",
      "Only Text articles are allowed to be Killed in Archived repo",
    );
  });

  f.scenario("Killing a Broadcast isn't allowed", ["auth"], async (s) => {
    await background(s);
    await s.given(
      "archived",
      `[${
        story("123", {
          extra: `"genre": [{"name": "Broadcast Script", "qcode": "Broadcast Script"}],`,
        })
      }]`,
    );
    await refused(
      s,
      "/archived/#archived._id#",
      "Killing of Broadcast Items isn't allowed in Archived repo",
    );
  });

  f.scenario(
    "Killing an article isn't allowed if it's available in production",
    ["auth"],
    async (s) => {
      await background(s);
      await s.given(
        "archive",
        `[{"guid": "123", "type": "text", "headline": "test", "slugline": "slugline",
        "anpa_category" : [{"qcode" : "e", "name" : "Entertainment"}], "state": "published",
        ${TASK}, "subject":[{"qcode": "17004000", "name": "Statistics"}],
        "body_html": "Test Document body", "_current_version": 2}]`,
      );
      await s.given("archived", `[${story("123")}]`);
      await refused(
        s,
        "/archived/#archived._id#",
        "Can't Kill as article is still available in production",
      );
    },
  );

  f.scenario("Killing an article isn't allowed if it's part of a package", ["auth"], async (s) => {
    await background(s);
    await s.given(
      "archived",
      `[${story("123", { extra: `"linked_in_packages": [{"package" : "234"}],` })},
        ${pkg("234", `{"headline": "headline", "slugline": "slugline", "residRef": "123"}`)}]`,
    );
    await refused(s, "/archived/123:2", IN_PACKAGE);
  });

  f.scenario(
    "Killing an article isn't allowed if it's associated digital story is part of a package",
    ["auth"],
    async (s) => {
      await background(s);
      await s.given(
        "archived",
        `[${
          story("123", {
            extra: `"linked_in_packages": [{"package_type" : "takes", "package" : "234"}],`,
          })
        },
          ${
          pkg(
            "234",
            `{"headline": "headline", "slugline": "slugline", "residRef": "123", "sequence": 1}`,
            `"linked_in_packages": [{"package" : "345"}], "package_type": "takes", "sequence": 1,`,
          )
        },
          ${pkg("345", `{"headline": "headline", "slugline": "slugline", "residRef": "234"}`)}]`,
      );
      await refused(s, "/archived/123:2", IN_PACKAGE);
    },
  );

  f.scenario(
    "Killing an article isn't allowed if any of the takes are available in production",
    ["auth"],
    async (s) => {
      await background(s);
      const take = (id: string, title: string) =>
        story(id, {
          title,
          extra: `"linked_in_packages": [{"package_type" : "takes", "package" : "345"}],`,
        });
      await s.given("archive", `[${take("234", "Take-2")}]`);
      await s.given(
        "archived",
        `[${take("123", "Take-1")}, ${take("234", "Take-2")}, ${TAKES_345}]`,
      );
      await refused(s, "/archived/123:2", IN_PACKAGE);
    },
  );

  f.scenario(
    "Killing an article isn't allowed if all the takes are not available in Archived repo",
    ["auth"],
    async (s) => {
      await background(s);
      await s.given(
        "archived",
        `[${
          story("123", {
            title: "Take-1",
            extra: `"linked_in_packages": [{"package_type" : "takes", "package" : "345"}],`,
          })
        }, ${TAKES_345}]`,
      );
      await refused(s, "/archived/123:2", IN_PACKAGE);
    },
  );

  f.scenario(
    "Killing an article isn't allowed if any of the takes is part of a package",
    ["auth"],
    async (s) => {
      await background(s);
      await s.given(
        "archived",
        `[${
          story("123", {
            title: "Take-1",
            extra: `"linked_in_packages": [{"package_type" : "takes", "package" : "345"}],`,
          })
        }, ${
          story("234", {
            title: "Take-2",
            extra:
              `"linked_in_packages": [{"package_type" : "takes", "package" : "345"}, {"package" : "456"}],`,
          })
        }, ${TAKES_345},
        ${pkg("456", `{"headline": "headline", "slugline": "slugline", "residRef": "234"}`)}]`,
      );
      await refused(s, "/archived/123:2", IN_PACKAGE);
    },
  );

  f.scenario(
    "Killing an article isn't allowed if article is a Master Story for Broadcast(s)",
    ["auth"],
    async (s) => {
      await background(s);
      await s.given(
        "archived",
        `[${story("123", { title: "Take-1" })},
          {"item_id": "234", "anpa_category" : [{"qcode" : "e", "name" : "Entertainment"}],
           "state": "published", ${TASK},
           "genre" : [{"name" : "Broadcast Script", "qcode" : "Broadcast Script"}],
           "headline": "broadcast", "slugline" : "broadcast", "broadcast" : {"master_id" : "123"},
           "type" : "text", "subject":[{"qcode": "17004000", "name": "Statistics"}],
           "body_html": "Test Document body", "_current_version": 2}]`,
      );
      await refused(
        s,
        "/archived/123:2",
        "Can't kill as this article acts as a Master Story for existing broadcast(s)",
      );
    },
  );

  f.scenario("Fails to delete from archived with no privilege", ["auth"], async (s) => {
    await background(s);
    await s.given("archived", `[${story("123", { title: "slugline" })}]`);
    await s.patch(
      "/users/#CONTEXT_USER_ID#",
      `{"user_type": "user", "privileges": {"archive": 1, "unlock": 1, "tasks": 1, "users": 1}}`,
    );
    s.ok();
    await s.delete("/archived/123:2");
    s.code(403);
    await s.get("/archived");
    s.list(1);
  });

  f.scenario("Kill a Text Article in the Dusty Archive with no takes", ["auth"], async (s) => {
    await background(s);
    await publishedAndExpired(s);
    await s.patch("/archived/123:2", `{"body_html": "Killed body.", "operation": "kill"}`);
    s.ok();
    await killedFromArchived(s, "kill", "killed");
  }, MAIL);

  f.scenario("Takedown a Text Article in the Dusty Archive", ["auth"], async (s) => {
    await dustyWithApi(s, "takedown", "recalled", "Takedown body");
  }, MAIL);

  f.scenario("Takedown a Text Article that exists only in Archived", ["auth"], async (s) => {
    await background(s);
    await archivedOnly(s, "takedown");
  });
}, { env: { LEGAL_ARCHIVE: "true" } });
