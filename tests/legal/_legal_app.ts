/**
 * The legal archive tests' fixture: `fn` runs against a fresh app with `LEGAL_ARCHIVE` on, once
 * on the embedded default and once on the real engines, the app closed after.
 */
import { engineMissing, ENGINES, engineTestApp } from "../_engine_app.ts";

/** The app a legal archive case receives. */
export type LegalApp = Awaited<ReturnType<typeof engineTestApp>>;

/** Registers `fn` as `[<engine>] <title>` for each engine setup. */
export function legalTest(title: string, fn: (app: LegalApp) => Promise<void>): void {
  for (const engine of ENGINES) {
    Deno.test({
      name: `[${engine}] ${title}`,
      ignore: engineMissing(engine),
      sanitizeResources: false,
      sanitizeOps: false,
      async fn() {
        const app = await engineTestApp(engine, { env: { LEGAL_ARCHIVE: "true" } });
        try {
          await fn(app);
        } finally {
          await app.close();
        }
      },
    });
  }
}
