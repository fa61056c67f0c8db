/**
 * Registers the scenarios of one Superdesk `.feature` file as Deno tests, each on the embedded
 * default and on the real engines:
 *
 * ```ts
 * feature("content_lock", (f) => {
 *   f.scenario("Lock item and edit", ["auth", "notification"], async (s) => { ... });
 *   f.needs("Unlocking an item with earlier publish schedule", "publishing");
 *   f.wrong("Some scenario", "why it does not hold for us");
 * });
 * ```
 *
 * Test names are machine-readable: `[embedded] superdesk content_lock: <scenario>` for
 * expressed scenarios; `superdesk content_lock: <scenario> [needs publishing]` and
 * `... [wrong for us: reason]` are registered as ignored tests, so a run lists what is not
 * expressed and why; `... [FAILING: reason]` marks a scenario we know fails today (counted as
 * failing in reports, not as passing). Tags do what Superdesk's `environment.py` does: `auth` signs in as
 * `test_user` first; `notification` starts recording events after that sign-in.
 */
import type { Notification } from "../../src/notify/notification.ts";
import { type Engine, onEachEngine, withEngineApp } from "../_engine_app.ts";
import { Collector } from "../notify/_collect.ts";
import { Scenario } from "./scenario.ts";

/** The scenario tags we honour. */
export type Tag = "auth" | "notification";

/**
 * Configuration every scenario app runs with: Superdesk's test settings where they shape the
 * specs (`PAGINATION_LIMIT = PAGINATION_DEFAULT = 200`, `CONTENT_EXPIRY_MINUTES = 99`,
 * `DEFAULT_SOURCE_VALUE_FOR_MANUAL_ARTICLES = "AAP"` in superdesk/tests); a password minimum of
 * 3 because Superdesk's fixtures log in with passwords like "bar" that its `Given` writes without
 * validation while ours validates (our default stays 8); no session cache, because Superdesk
 * re-reads the user on every request and the specs change a user's type or role between two
 * requests (with the cache, the change reaches the next request once the bus has delivered the
 * invalidation, which over Redis is not at once).
 */
export const SCENARIO_ENV: Readonly<Record<string, string>> = Object.freeze({
  PAGINATION_DEFAULT: "200",
  PAGINATION_LIMIT: "200",
  PASSWORD_MIN_LENGTH: "3",
  AUTH_CACHE_SECONDS: "0",
  CONTENT_EXPIRY_MINUTES: "99",
  DEFAULT_SOURCE_VALUE_FOR_MANUAL_ARTICLES: "AAP",
  CONTENTAPI_URL: "http://localhost:5400",
});

/** The steps of a scenario between two `Given config update`, with the settings they run under. */
export interface ScenarioPhase {
  env?: Record<string, string>;
  fn: (s: Scenario) => Promise<void>;
}

/**
 * A server a scenario's settings point at (e.g. a directory for `@ldapauth`), started before
 * the scenario's app, on a port of its own choosing, and closed after the app.
 */
export type ScenarioServer = () => Promise<{ env: Record<string, string>; close(): Promise<void> }>;

/** What a feature's body uses to declare its scenarios. */
export interface FeatureBuilder {
  /**
   * An expressed scenario; `env` adds configuration a step sets in Superdesk (`we set spike
   * exipry "70"` is `SPIKE_EXPIRY_MINUTES=70` from the start); `ignore` skips it where a service
   * it needs is missing (outside CI only, see `engineUrl`); `server` runs around its app.
   */
  scenario(
    title: string,
    tags: Tag[],
    fn: (s: Scenario) => Promise<void>,
    options?: { env?: Record<string, string>; ignore?: boolean; server?: ScenarioServer },
  ): void;
  /**
   * A scenario whose `Given config update` steps change settings Superdesk reads at run time:
   * ours are read once at start, so each phase (the steps up to the next config update) runs on
   * a fresh app with its `env`, in order; `ignore` as for `scenario`.
   */
  phased(
    title: string,
    tags: Tag[],
    phases: ScenarioPhase[],
    options?: { ignore?: boolean },
  ): void;
  /** A scenario that needs a feature we do not have yet (not counted as failing). */
  needs(title: string, what: string): void;
  /** A scenario we consider wrong for us, with the reason. */
  wrong(title: string, reason: string): void;
  /** A scenario expressed but failing for now: not run, reported as failing with the reason. */
  failing(title: string, reason: string): void;
}

/**
 * Declares the scenarios of Superdesk's `features/<name>.feature`; `env` adds configuration
 * (e.g. `INSTALLED_APPS` naming a fixture app with what Superdesk's test settings register).
 */
export function feature(
  name: string,
  body: (f: FeatureBuilder) => void,
  { env = {} }: { env?: Record<string, string> } = {},
): void {
  const prefix = `superdesk ${name}:`;
  body({
    scenario(title, tags, fn, { env: scenarioEnv = {}, ignore = false, server } = {}) {
      onEachEngine(
        `${prefix} ${title}`,
        (engine) =>
          withServer(
            server,
            (served) => runScenario(engine, tags, fn, { ...env, ...scenarioEnv, ...served }),
          ),
        { ignore },
      );
    },
    phased(title, tags, phases, { ignore = false } = {}) {
      onEachEngine(`${prefix} ${title}`, async (engine) => {
        for (const phase of phases) {
          await runScenario(engine, tags, phase.fn, { ...env, ...phase.env });
        }
      }, { ignore });
    },
    needs(title, what) {
      Deno.test({ name: `${prefix} ${title} [needs ${what}]`, ignore: true, fn() {} });
    },
    wrong(title, reason) {
      Deno.test({ name: `${prefix} ${title} [wrong for us: ${reason}]`, ignore: true, fn() {} });
    },
    failing(title, reason) {
      Deno.test({ name: `${prefix} ${title} [FAILING: ${reason}]`, ignore: true, fn() {} });
    },
  });
}

async function withServer(
  server: ScenarioServer | undefined,
  run: (env: Record<string, string>) => Promise<void>,
): Promise<void> {
  if (!server) return run({});
  const { env, close } = await server();
  try {
    await run(env);
  } finally {
    await close();
  }
}

async function runScenario(
  engine: Engine,
  tags: Tag[],
  fn: (s: Scenario) => Promise<void>,
  env: Record<string, string>,
) {
  await withEngineApp(engine, async (app) => {
    const events = new Collector<Notification>();
    const unsubscribe = app.platform.bus.subscribe(events.push);
    try {
      const scenario = new Scenario(app, events);
      if (tags.includes("auth")) await scenario.login();
      scenario.resetNotifications();
      await fn(scenario);
    } finally {
      unsubscribe();
    }
  }, { env: { ...SCENARIO_ENV, ...env } });
}
