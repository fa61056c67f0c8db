/**
 * An administrator signed in on a journey server as the web client signs in: `GET /api` read for
 * its titled links, `POST auth_db`, and the `Authorization` value the client keeps; and
 * `suiteTest`, a replay test on each setup with a server and that session. Shared by the client
 * e2e suite's replay tests.
 */
import { createUser } from "../../src/auth/create_user.ts";
import { engineMissing, ENGINES } from "../_engine_app.ts";
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
  };
}

/**
 * Registers `fn` on the embedded default and on the real engines (ignored where an engine is
 * missing), with a fresh journey server and its signed-in administrator.
 */
export function suiteTest(
  title: string,
  fn: (t: Deno.TestContext, run: { server: JourneyServer; session: SuiteSession }) => Promise<void>,
): void {
  for (const engine of ENGINES) {
    Deno.test({
      name: `[${engine}] the client e2e suite: ${title}`,
      ignore: engineMissing(engine),
      sanitizeResources: false,
      sanitizeOps: false,
      async fn(t) {
        await using server = await startJourneyServer(engine);
        await fn(t, { server, session: await suiteSession(server) });
      },
    });
  }
}
