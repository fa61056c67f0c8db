/**
 * An administrator signed in on a journey server as the web client signs in: `GET /api` read for
 * its titled links, `POST auth_db`, and the `Authorization` value the client keeps;
 * `suiteTest`, which registers a replay test on both setups with it and a desk; and the Personal
 * Items card's search (`personalCard`). Shared by the client e2e suite's replay tests.
 */
import { createUser } from "../../src/auth/create_user.ts";
import { onEachEngine } from "../_engine_app.ts";
import { basejoin, type JourneyServer, ok, send, startJourneyServer } from "./_journey_server.ts";

/** The signed-in administrator: its login answer, `Authorization` value and URL by title. */
export interface SuiteSession {
  // deno-lint-ignore no-explicit-any
  login: any;
  auth: string;
  /** `GET /api`'s links, href by title. */
  links: ReadonlyMap<string, string>;
  /** The URL of the `GET /api` link titled `title`. */
  url(title: string): string;
  /** POSTs `body` to the link titled `title` as the administrator; asserts `status`. */
  // deno-lint-ignore no-explicit-any
  post(title: string, body: unknown, status?: number): Promise<any>;
  /**
   * Opens archive item `id` for editing and saves `changes` as authoring does (LockService.ts:11:
   * `POST .../lock` with `lock_action: edit`; AuthoringService.ts:589: `PATCH` of the changed
   * fields with the lock's etag); asserts the 200 and returns the saved item.
   */
  // deno-lint-ignore no-explicit-any
  editAndSave(id: string, changes: Record<string, unknown>): Promise<any>;
}

/** Creates administrator `suite` on `server` and signs it in. */
export async function suiteSession(server: JourneyServer): Promise<SuiteSession> {
  const admin = { username: "suite", password: "suite-password-1" };
  await createUser(server.app.platform.registry, {
    ...admin,
    email: "suite@example.com",
    admin: true,
  });
  const home = ok(await send(server.url), 200, "home");
  const links = new Map<string, string>(
    home._links.child.map((link: { title: string; href: string }) => [link.title, link.href]),
  );
  const url = (title: string) => basejoin(server, links.get(title)!);
  const login = ok(await send(url("auth_db"), { method: "POST", body: admin }), 201, "login");
  const auth = `Basic ${btoa(`${login.token}:`)}`;
  return {
    login,
    auth,
    links,
    url,
    async post(title, body, status = 201) {
      return ok(await send(url(title), { method: "POST", auth, body }), status, title);
    },
    async editAndSave(id, changes) {
      const path = `${url("archive")}/${id}`;
      const lock = { method: "POST", auth, body: { lock_action: "edit" } };
      const locked = ok(await send(`${path}/lock`, lock), 201, "lock");
      const save = { method: "PATCH", auth, etag: locked._etag, body: changes };
      return ok(await send(path, save), 200, "save");
    },
  };
}

/** What a `suiteTest` receives: the server, the signed-in administrator and its desk "Sports". */
export interface SuiteRoom {
  server: JourneyServer;
  session: SuiteSession;
  // deno-lint-ignore no-explicit-any
  desk: any;
}

/**
 * Registers `fn` once per setup (the embedded default and the real engines), each on a fresh
 * journey server with the administrator signed in and a desk "Sports" it is a member of.
 */
export function suiteTest(
  title: string,
  fn: (t: Deno.TestContext, room: SuiteRoom) => Promise<void>,
): void {
  onEachEngine(`the client e2e suite: ${title}`, async (engine, t) => {
    await using server = await startJourneyServer(engine);
    const session = await suiteSession(server);
    const desk = await session.post("desks", {
      name: "Sports",
      members: [{ user: session.login.user }],
    });
    await fn(t, { server, session, desk });
  });
}

/**
 * The Personal Items card's search body for `userId` (superdesk-client-core 997d498a4,
 * scripts/apps/monitoring/services/CardsService.ts:101-113, its criteria): not spiked, on no
 * desk, the user's task or, without one, the user's creation; newest first.
 */
export function personalCard(userId: string) {
  return {
    query: {
      filtered: {
        filter: {
          and: [
            { not: { term: { state: "spiked" } } },
            {
              bool: {
                must_not: { exists: { field: "task.desk" } },
                should: [
                  { term: { "task.user": userId } },
                  {
                    bool: {
                      must: { term: { original_creator: userId } },
                      must_not: { exists: { field: "task.user" } },
                    },
                  },
                ],
                minimum_should_match: 1,
              },
            },
          ],
        },
      },
    },
    sort: [{ _updated: "desc" }],
    size: 25,
  };
}
