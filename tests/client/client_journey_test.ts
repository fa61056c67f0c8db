/**
 * The Superdesk web client's journey from start-up to a desk's monitoring view and back out,
 * replayed over HTTP and a real WebSocket in the order of `reference/superdesk-client.md`, with
 * the client's query shapes (superdesk-client-core: `scripts/index.ts`, `core/auth`,
 * `core/services/preferencesService.ts`, `core/notification/notification.ts`,
 * `apps/desks/services/DesksFactory.ts`, `apps/monitoring/services/CardsService.ts` ...), on the
 * embedded default and on the real engines. Every answer is checked for what the client reads.
 * Resources another branch owns and has not registered yet are steps reported as ignored
 * (`[pending: ...]`), never as passed.
 */
import assert from "node:assert/strict";
import { createUser } from "../../src/auth/create_user.ts";
import { onEachEngine } from "../_engine_app.ts";
import {
  CARD_PROJECTIONS,
  deskOutputUrl,
  stageCardSource,
} from "../newsroom/_monitoring_queries.ts";
import {
  basejoin,
  CLIENT_ORIGIN,
  clientSocket,
  items,
  ok,
  send,
  startJourneyServer,
} from "./_journey_server.ts";

const ADMIN = { username: "journey", password: "journey-password-1" };

/** Titles the client resolves from `GET /api` and the branch that serves the not yet listed. */
const TITLES: Record<string, string | undefined> = {
  auth_db: undefined,
  auth: undefined,
  users: undefined,
  user_desks: undefined,
  desks: undefined,
  stages: undefined,
  archive: undefined,
  archive_lock: undefined,
  archive_unlock: undefined,
  archive_spike: undefined,
  move: undefined,
  archive_publish: undefined,
  archive_correct: undefined,
  archive_kill: undefined,
  preferences: undefined,
  privileges: undefined,
  search: undefined,
  workqueue: undefined,
  activity: undefined,
  workspaces: undefined,
  languages: undefined,
  system_messages: undefined,
  search_providers: undefined,
  dictionaries: undefined,
  macros: undefined,
  backend_meta: undefined,
  client_config: undefined,
  config: undefined,
  item_comments: undefined,
  vocabularies: undefined,
  content_types: undefined,
  subjectcodes: undefined,
  highlights: undefined,
  all_saved_searches: undefined,
  saved_searches: undefined,
  archive_autosave: undefined,
  content_templates: undefined,
  ingest_providers: "ingest",
  subscribers: "publish",
};

onEachEngine(
  "the Superdesk web client's journey: start-up, login, shell, monitoring, logout",
  async (engine, t) => {
    await using server = await startJourneyServer(engine);
    const { platform } = server.app;
    await createUser(platform.registry, {
      ...ADMIN,
      email: "journey@example.com",
      admin: true,
    });
    const links = new Map<string, string>();
    const url = (title: string) => basejoin(server, links.get(title)!);
    const pending = (title: string) => !links.has(title) && TITLES[title] !== undefined;
    let auth = "";
    let session: { _id: string; user: string; href: string } = { _id: "", user: "", href: "" };

    await t.step("GET client_config (public) before Angular starts", async () => {
      const body = ok(await send(`${server.url}/client_config`), 200, "client_config");
      assert.deepEqual(body._items, []);
      const config = body.config;
      assert.equal(config.default_timezone, platform.config.defaultTimezone);
      assert.doesNotThrow(() =>
        new Intl.DateTimeFormat("en", { timeZone: config.default_timezone })
      );
      for (const key of ["schema", "editor", "default_language", "disallowed_characters"]) {
        assert.ok(key in config, `client_config has no ${key}`);
      }
      assert.equal(config.user?.username_pattern, null);
    });

    await t.step(
      "GET /api: every title the client resolves, with Eve URL templates",
      async () => {
        const home = ok(await send(server.url), 200, "home");
        for (const { title, href } of home._links.child) links.set(title, href);
        const missing = Object.entries(TITLES)
          .filter(([title, owner]) => owner === undefined && !links.has(title))
          .map(([title]) => title);
        assert.deepEqual(missing, [], "titles the client needs");
        assert.equal(links.get("archive_lock"), 'archive/<regex("[\\w,.:-]+"):item_id>/lock');
        assert.equal(links.get("user_desks"), 'users/<regex("[a-f0-9]{24}"):user_id>/desks');
      },
    );

    await t.step("CORS preflight of the login POST", async () => {
      const response = await fetch(url("auth_db"), {
        method: "OPTIONS",
        headers: {
          Origin: CLIENT_ORIGIN,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "content-type",
        },
      });
      await response.body?.cancel();
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("access-control-allow-origin"), CLIENT_ORIGIN);
      assert.match(response.headers.get("access-control-allow-methods")!, /POST/);
      const allowed = response.headers.get("access-control-allow-headers")!.toLowerCase();
      for (const header of ["content-type", "authorization", "if-match"]) {
        assert.ok(allowed.includes(header), `${header} not allowed`);
      }
    });

    await t.step(
      "POST auth_db: a wrong password is a 401 on credentials, then login",
      async () => {
        const refused = await send(url("auth_db"), {
          method: "POST",
          body: { username: ADMIN.username, password: "wrong" },
        });
        assert.equal(refused.status, 401);
        assert.equal(refused.body._issues.credentials, 1);
        const login = ok(
          await send(url("auth_db"), { method: "POST", body: ADMIN }),
          201,
          "login",
        );
        assert.equal(typeof login.token, "string");
        assert.ok(login._links.self.href);
        auth = `Basic ${btoa(`${login.token}:`)}`;
        session = { _id: login._id, user: login.user, href: login._links.self.href };
      },
    );

    await t.step(
      "GET users/<id> (the session's identity) and users?max_results=199",
      async () => {
        const identity = ok(await send(`${url("users")}/${session.user}`, { auth }), 200, "user");
        assert.equal(identity.username, ADMIN.username);
        assert.equal(identity.user_type, "administrator");
        const all = items(
          await send(`${url("users")}?max_results=199&page=1`, { auth }),
          "users",
        );
        assert.ok(all.some((user) => user._id === session.user));
      },
    );

    await t.step("GET and PATCH preferences/<session> (If-Match)", async () => {
      const prefs = ok(
        await send(`${url("preferences")}/${session._id}`, { auth }),
        200,
        "prefs",
      );
      const user = prefs.user_preferences;
      assert.deepEqual(user["agg:view"].active, {});
      for (
        const key of [
          "archive:view",
          "desktop:notification",
          "workspace:active",
          "singleline:view",
        ]
      ) {
        assert.ok(user[key], `user_preferences has no ${key}`);
      }
      for (const key of ["dashboard", "monitoring_view", "archive", "spike", "users"]) {
        assert.equal(prefs.active_privileges[key], 1, `active privilege ${key}`);
      }
      assert.ok(prefs.allowed_actions.some((a: { name: string }) => a.name === "spike"));
      assert.equal(prefs.session_preferences["desk:last_worked"], "");
      const patched = ok(
        await send(`${url("preferences")}/${session._id}`, {
          method: "PATCH",
          auth,
          etag: prefs._etag,
          body: { user_preferences: { "monitoring:view": { view: "swimlane" } } },
        }),
        200,
        "prefs patch",
      );
      assert.equal(patched.user_preferences["monitoring:view"].view, "swimlane");
      assert.notEqual(patched._etag, prefs._etag);
      const stale = await send(`${url("preferences")}/${session._id}`, {
        method: "PATCH",
        auth,
        etag: prefs._etag,
        body: { session_preferences: { "desk:items": [] } },
      });
      assert.equal(stale.status, 412);
    });

    const socket = clientSocket(server);
    const { events } = socket;
    try {
      await t.step("WebSocket to server.ws with no credentials", async () => {
        await socket.opened;
      });

      for (const title of ["vocabularies", "content_types", "subjectcodes"]) {
        await collectionStep(t, title, pending(title), async () => {
          const query = title === "content_types"
            ? "?max_results=200&page=1&sort=versioncreated"
            : "?max_results=199&page=1";
          items(await send(url(title) + query, { auth }), title);
        });
      }

      let desk: { _id: string; incoming_stage: string; working_stage: string } | undefined;
      await t.step("desks, stages, user_desks (max_results=200) and the workqueue", async () => {
        desk = ok(
          await send(url("desks"), {
            method: "POST",
            auth,
            body: { name: "Journey", members: [{ user: session.user }] },
          }),
          201,
          "desk",
        );
        const desks = items(
          await send(`${url("desks")}?max_results=200&page=1`, { auth }),
          "desks",
        );
        assert.ok(desks.some((d) => d._id === desk!._id && d.working_stage && d.incoming_stage));
        const stages = items(
          await send(`${url("stages")}?max_results=200&page=1`, { auth }),
          "stages",
        );
        assert.equal(stages.filter((s) => s.desk === desk!._id).length, 2);
        const mine = url("user_desks").replace(/<.*>/, session.user);
        const userDesks = items(
          await send(`${mine}?max_results=200&page=1`, { auth }),
          "user_desks",
        );
        assert.deepEqual(userDesks.map((d) => d._id), [desk!._id]);
        const workqueue = {
          source: JSON.stringify({
            query: {
              bool: {
                must: [
                  { term: { lock_user: session.user } },
                  { terms: { lock_action: ["edit", "correct", "kill"] } },
                ],
              },
            },
          }),
          auto: "1",
        };
        items(
          await send(`${url("workqueue")}?${new URLSearchParams(workqueue)}`, { auth }),
          "workqueue",
        );
      });

      await shellSteps(t, { url, auth, session, pending, deskId: () => desk!._id });

      const created: Record<string, { _id: string; _etag: string }> = {};
      await t.step(
        "authoring: create, lock, save (PATCH self href), unlock; content:update reaches the socket",
        async () => {
          for (
            const [name, stage] of [
              ["first", desk!.working_stage],
              ["second", desk!.incoming_stage],
              ["spiked", desk!.working_stage],
            ] as const
          ) {
            const item = ok(
              await send(url("archive"), {
                method: "POST",
                auth,
                body: {
                  type: "text",
                  version: 0,
                  headline: "",
                  task: { desk: desk!._id, stage, user: session.user },
                },
              }),
              201,
              "create",
            );
            const lockUrl = url("archive_lock").replace(/<.*>/, item._id);
            const locked = ok(
              await send(lockUrl, { method: "POST", auth, body: { lock_action: "edit" } }),
              201,
              "lock",
            );
            assert.equal(locked.lock_user, session.user);
            const current = ok(
              await send(`${url("archive")}/${item._id}?embedded={"lock_user":1}`, { auth }),
            );
            const saved = ok(
              await send(basejoin(server, current._links.self.href), {
                method: "PATCH",
                auth,
                etag: current._etag,
                body: { headline: `Journey ${name}` },
              }),
              200,
              "save",
            );
            const unlockUrl = url("archive_unlock").replace(/<.*>/, item._id);
            created[name] =
              ok(await send(unlockUrl, { method: "POST", auth, body: {} }), 201, "unlock") ??
                saved;
            await events.until(
              (frames) =>
                frames.some((f) =>
                  f.event === "content:update" &&
                  Object.hasOwn((f.extra.stages ?? {}) as object, stage)
                ),
              "content:update for the stage",
            );
          }
          const spiked = await send(`${server.url}/archive/spike/${created.spiked!._id}`, {
            method: "PATCH",
            auth,
            etag: created.spiked!._etag,
            body: { state: "spiked" },
          });
          ok(spiked, 200, "spike");
        },
      );

      await t.step("monitoring: two stage cards list different items, none spiked", async () => {
        const card = async (stage: string) => {
          const params = new URLSearchParams({
            source: JSON.stringify(stageCardSource(stage, session.user)),
            projections: JSON.stringify(CARD_PROJECTIONS),
            es_highlight: "0",
          });
          return items(await send(`${url("archive")}?${params}`, { auth }), "card");
        };
        const working = await card(desk!.working_stage);
        const incoming = await card(desk!.incoming_stage);
        assert.deepEqual(working.map((i) => i.headline), ["Journey first"]);
        assert.deepEqual(incoming.map((i) => i.headline), ["Journey second"]);
        for (const item of [...working, ...incoming]) {
          assert.ok(item._etag && item._type === "archive" && item.task?.stage && item.state);
        }
        const output = ok(
          await send(basejoin(server, deskOutputUrl(desk!._id).replace("/api", "")), {
            auth,
          }),
        );
        assert.equal(output._meta.total, 0);
      });

      await t.step("item_comments of an item and the activity stream", async () => {
        const item = created.first!;
        ok(
          await send(url("item_comments"), {
            method: "POST",
            auth,
            body: { text: `Looks good @${ADMIN.username}`, item: item._id },
          }),
          201,
          "comment",
        );
        const where = encodeURIComponent(JSON.stringify({ item: item._id }));
        const comments = items(
          await send(`${url("item_comments")}?where=${where}`, { auth }),
          "comments",
        );
        assert.equal(comments[0].mentioned_users[ADMIN.username], session.user);
        const mine = encodeURIComponent(JSON.stringify({ "recipients.user_id": session.user }));
        const notes = items(
          await send(`${url("activity")}?where=${mine}&max_results=8&embedded={"user":1}`, {
            auth,
          }),
          "notifications",
        );
        assert.equal(notes[0].name, "user:mention");
        assert.equal(notes[0].recipients[0].read, false);
        await events.until(
          (frames) => frames.some((f) => f.event === "activity"),
          "activity event",
        );
      });
    } finally {
      await socket.close();
    }

    await t.step("logout: DELETE auth/<session> (title auth)", async () => {
      const gone = await send(`${url("auth")}/${session._id}`, { method: "DELETE", auth });
      assert.equal(gone.status, 204);
      const after = await send(`${url("preferences")}/${session._id}`, { auth });
      assert.equal(after.status, 401);
    });
  },
);

/** A start-up collection: run, or reported ignored while its branch has not registered it. */
async function collectionStep(
  t: Deno.TestContext,
  title: string,
  isPending: boolean,
  fn: () => Promise<void>,
) {
  const owner = TITLES[title];
  await t.step({
    name: isPending ? `GET ${title} [pending: branch ${owner}]` : `GET ${title}`,
    ignore: isPending,
    fn,
  });
}

/** The shell's collections, with the client's query shapes. */
async function shellSteps(
  t: Deno.TestContext,
  { url, auth, session, pending, deskId }: {
    url: (title: string) => string;
    auth: string;
    session: { user: string };
    pending: (title: string) => boolean;
    deskId: () => string;
  },
) {
  const get = async (title: string, query = "") =>
    items(await send(url(title) + query, { auth }), title);
  const where = (filter: unknown) => `where=${encodeURIComponent(JSON.stringify(filter))}`;
  const steps: Array<[string, () => Promise<void>]> = [
    ["activity", async () => {
      const listed = await get(
        "activity",
        `?${where({ "recipients.user_id": session.user })}&max_results=8`,
      );
      for (const entry of listed) assert.ok(Array.isArray(entry.recipients));
    }],
    ["workspaces", async () => {
      await get("workspaces", `?${where({ desk: deskId() })}`);
      await get("workspaces", `?${where({ user: session.user })}`);
    }],
    ["languages", async () => {
      const languages = await get("languages");
      assert.ok(languages.every((l) => l.language && l.label));
    }],
    ["system_messages", async () => {
      await get("system_messages", `?page=1&sort=_updated&${where({ is_active: true })}`);
    }],
    ["highlights", async () => void await get("highlights")],
    [
      "all_saved_searches",
      async () => void await get("all_saved_searches", "?max_results=200&page=1"),
    ],
    ["ingest_providers", async () => void await get("ingest_providers", "?max_results=200&page=1")],
    ["search_providers", async () => {
      await get("search_providers", `?max_results=200&${where({ is_closed: { $ne: true } })}`);
    }],
    ["subscribers", async () => void await get("subscribers", "?max_results=200&page=1")],
    ["dictionaries", async () => {
      const filter = { $or: [{ user: { $exists: false } }, { user: session.user }] };
      await get(
        "dictionaries",
        `?projection=${encodeURIComponent('{"content":0}')}&${where(filter)}`,
      );
    }],
    ["macros", async () => void await get("macros", "?max_results=200&page=1")],
    ["backend_meta", async () => {
      const body = ok(await send(url("backend_meta"), { auth }));
      assert.ok(Array.isArray(body.modules) && body.modules.length > 0);
    }],
    ["config", async () => {
      const phoneHome = ok(await send(`${url("config")}/phone_home`, { auth }));
      assert.equal(phoneHome._id, "phone_home");
      assert.ok("val" in phoneHome);
    }],
  ];
  for (const [title, fn] of steps) await collectionStep(t, title, pending(title), fn);
  await t.step("GET /cities (the dateline picker's path)", async () => {
    const cities = items(
      await send(`${url("users").replace(/users$/, "cities")}`, { auth }),
      "cities",
    );
    assert.ok(cities.every((c) => c.city && c.tz));
  });
}
