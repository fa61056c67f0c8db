/**
 * What superdesk-client-core's Playwright suite (`e2e/client/playwright/*.spec.ts`) found missing
 * beyond the journey, replayed as the client sends it, on the embedded default and on the real
 * engines: the `GET /api` titles its actions resolve before they send anything ("Duplicate in
 * place": `api.save('duplicate', ...)`), the privileges its menus show entries for ("Spiked
 * Items": `spike_read`, "Duplicate to personal": `send_to_personal`, the highlights menu:
 * `highlights_read`), and the `resource:updated` event its content profile store
 * (`scripts/data-store.ts`) refetches on.
 */
import assert from "node:assert/strict";
import { createUser } from "../../src/auth/create_user.ts";
import { engineMissing, ENGINES } from "../_engine_app.ts";
import { Collector, within } from "../notify/_collect.ts";
import { basejoin, CLIENT_ORIGIN, items, ok, send, startJourneyServer } from "./_journey_server.ts";

const ADMIN = { username: "suite", password: "suite-password-1" };

/** Titles the suite's actions resolve in `GET /api`, with the route each names. */
const ACTION_TITLES = {
  duplicate: 'archive/<regex("[\\w,.:-]+"):guid>/duplicate',
  fetch: 'ingest/<regex("[\\w,.:-]+"):id>/fetch',
  archive_correction: "archive/correction",
  picture_crop: "picture_crop",
  picture_renditions: "picture_renditions",
  io_errors: "io_errors",
  feeding_services_allowed: "feeding_services_allowed",
  feed_parsers_allowed: "feed_parsers_allowed",
};

for (const engine of ENGINES) {
  Deno.test({
    name: `[${engine}] the client e2e suite: action titles, menu privileges, profile events`,
    ignore: engineMissing(engine),
    sanitizeResources: false,
    sanitizeOps: false,
    async fn(t) {
      await using server = await startJourneyServer(engine);
      await createUser(server.app.platform.registry, {
        ...ADMIN,
        email: "suite@example.com",
        admin: true,
      });
      const home = ok(await send(server.url), 200, "home");
      const links = new Map<string, string>(
        home._links.child.map((link: { title: string; href: string }) => [link.title, link.href]),
      );
      const url = (title: string) => basejoin(server, links.get(title)!);
      const login = ok(await send(url("auth_db"), { method: "POST", body: ADMIN }), 201, "login");
      const auth = `Basic ${btoa(`${login.token}:`)}`;

      await t.step("GET /api lists the titles the suite's actions resolve", () => {
        const listed = Object.fromEntries(
          Object.keys(ACTION_TITLES).map((title) => [title, links.get(title)]),
        );
        assert.deepEqual(listed, ACTION_TITLES);
      });

      await t.step("Duplicate in place: POST to the listed duplicate URL", async () => {
        const desk = ok(
          await send(url("desks"), {
            method: "POST",
            auth,
            body: { name: "Sports", members: [{ user: login.user }] },
          }),
          201,
          "desk",
        );
        const task = { desk: desk._id, stage: desk.working_stage, user: login.user };
        const item = ok(
          await send(url("archive"), {
            method: "POST",
            auth,
            body: { type: "text", headline: "test sports story", task },
          }),
          201,
          "item",
        );
        // The client's DuplicateController: `api.save('duplicate', {}, {desk, type}, item)`.
        const copy = ok(
          await send(url("duplicate").replace(/<.*>/, item._id), {
            method: "POST",
            auth,
            body: { desk: desk._id, type: "archive" },
          }),
          201,
          "duplicate",
        );
        assert.notEqual(copy._id, item._id);
        const where = encodeURIComponent(JSON.stringify({ "task.desk": desk._id }));
        const onDesk = items(await send(`${url("archive")}?where=${where}`, { auth }), "desk");
        assert.deepEqual(
          onDesk.map((doc) => doc.headline),
          ["test sports story", "test sports story"],
        );
      });

      await t.step("an administrator's active privileges show the suite's menus", async () => {
        const prefs = ok(await send(`${url("preferences")}/${login._id}`, { auth }), 200, "prefs");
        for (const name of ["spike_read", "highlights_read", "send_to_personal"]) {
          assert.equal(prefs.active_privileges[name], 1, name);
        }
        const listed = items(await send(url("privileges"), { auth }), "privileges")
          .map((privilege) => privilege.name);
        for (const name of ["spike_read", "highlights_read", "send_to_personal"]) {
          assert.ok(listed.includes(name), `${name} is not in GET /api/privileges`);
        }
      });

      await t.step("a content profile's PATCH reaches the socket as resource:updated", async () => {
        const events = new Collector<{ event: string; extra: Record<string, unknown> }>();
        // deno-lint-ignore no-explicit-any
        const socket = new WebSocket(server.ws, { headers: { Origin: CLIENT_ORIGIN } } as any);
        socket.onmessage = (message) => {
          const frame = JSON.parse(message.data);
          if (frame.event) events.push(frame);
        };
        const closed = new Promise((resolve) => socket.addEventListener("close", resolve));
        try {
          await within(
            new Promise<void>((resolve, reject) => {
              socket.onopen = () => resolve();
              socket.onerror = () => reject(new Error("the socket was refused"));
            }),
            "the socket to open",
          );
          const profile = ok(
            await send(url("content_types"), { method: "POST", auth, body: { label: "Story" } }),
            201,
            "profile",
          );
          const isProfileEvent = (event: string, field: string) =>
          (
            frame: { event: string; extra: Record<string, unknown> },
          ) =>
            frame.event === event && frame.extra.resource === "content_types" &&
            frame.extra._id === profile._id &&
            (frame.extra.fields as Record<string, number>)[field] === 1;
          await events.until(
            (frames) => frames.some(isProfileEvent("resource:created", "label")),
            "resource:created for the profile",
          );
          ok(
            await send(`${url("content_types")}/${profile._id}`, {
              method: "PATCH",
              auth,
              etag: profile._etag,
              body: { icon: "map-marker" },
            }),
            200,
            "patch",
          );
          await events.until(
            (frames) => frames.some(isProfileEvent("resource:updated", "icon")),
            "resource:updated {icon: 1} for the profile",
          );
        } finally {
          socket.close();
          await closed;
        }
      });
    },
  });
}
