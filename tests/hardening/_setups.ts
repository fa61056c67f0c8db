/**
 * Registers an abuse case on both setups: the embedded default and MongoDB (skipped loudly, or
 * failing in CI, without `MONGO_URI`). Each case gets a fresh app, an administrator and a plain
 * user, both signed in through the real login.
 */
import type { TestApp } from "../_app.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import type { Client } from "../_client.ts";
import { engineUrl } from "../_engines.ts";

/** What each case receives. */
export interface Setup {
  app: TestApp;
  admin: Client & { userId: string };
  user: Client & { userId: string };
  /** `embedded` or `mongodb`. */
  engine: string;
}

/** Registers `fn` once per document store; `env` adds configuration variables. */
export function bothStores(
  title: string,
  fn: (setup: Setup) => Promise<void>,
  { env = {} }: { env?: Record<string, string> } = {},
): void {
  for (const engine of ["embedded", "mongodb"] as const) {
    const mongoUri = engine === "mongodb" ? engineUrl("MONGO_URI") : undefined;
    Deno.test({
      name: `[${engine}] ${title}`,
      ignore: engine === "mongodb" && !mongoUri,
      sanitizeResources: false,
      sanitizeOps: false,
      async fn() {
        const app = await createTestApp({ mongoUri, env });
        try {
          const admin = await loginAs(app, { username: "admin", admin: true });
          const user = await loginAs(app, { username: "plain" });
          await fn({ app, admin, user, engine });
        } finally {
          await app.close();
        }
      },
    });
  }
}
