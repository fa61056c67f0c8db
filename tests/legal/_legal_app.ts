/**
 * The legal archive tests' fixture: `fn` runs against a fresh app with `LEGAL_ARCHIVE` on, once
 * on the embedded default and once on the real engines, the app closed after.
 */
import { type engineTestApp, perEngineTest } from "../_engine_app.ts";

/** The app a legal archive case receives. */
export type LegalApp = Awaited<ReturnType<typeof engineTestApp>>;

/** Registers `fn` as `[<engine>] <title>` for each engine setup. */
export function legalTest(title: string, fn: (app: LegalApp) => Promise<void>): void {
  perEngineTest(title, fn, { env: { LEGAL_ARCHIVE: "true" } });
}
