/**
 * Apps loaded by configuration in tests: `appsTest` registers a case twice, on the embedded
 * default and on the real engines (MongoDB, plus Elasticsearch and Redis when set), with
 * `INSTALLED_APPS` naming the apps under test. Each case gets the app, a log capture, an editor
 * signed in with every privilege the apps use, a desk and a story on it.
 */
import assert from "node:assert/strict";
import { type Logger, type LogLevel } from "../../src/log.ts";
import type { TestApp } from "../_app.ts";
import { onEachEngine, withEngineApp } from "../_engine_app.ts";
import { Collector } from "../notify/_collect.ts";
import { body, type Json, type Member, signIn } from "../newsroom/_newsroom.ts";

/** The example apps, as `INSTALLED_APPS` names them (relative to the server's directory). */
export const EXAMPLE_APPS = [
  "examples/apps/word_count_limit/mod.ts",
  "examples/apps/fact_checks/mod.ts",
];

/** A structured log record. */
export type LogRecord = { level: LogLevel; msg: string } & Record<string, unknown>;

/** A logger keeping every record in a collector (for records a case waits on). */
export function captureLog(): { log: Logger; records: Collector<LogRecord> } {
  const records = new Collector<LogRecord>();
  const make = (fields: Record<string, unknown>): Logger => {
    const write = (level: LogLevel) => (msg: string, extra: Record<string, unknown> = {}) =>
      records.push({ level, ...fields, msg, ...extra } as LogRecord);
    return {
      debug: write("debug"),
      info: write("info"),
      warn: write("warn"),
      error: write("error"),
      child: (more) => make({ ...fields, ...more }),
    };
  };
  return { log: make({}), records };
}

/** What each case receives. */
export interface AppsCase {
  app: TestApp;
  records: Collector<LogRecord>;
  editor: Member;
  desk: Json;
  /** A saved story on the desk's working stage, by the editor. */
  story: Json;
}

const EDITOR = {
  archive: 1,
  desks: 1,
  spike: 1,
  unspike: 1,
  fact_check: 1,
} as const;

/** Registers `fn` once per setup with `installed` as INSTALLED_APPS and `env` added. */
export function appsTest(
  title: string,
  { installed, env = {} }: { installed: readonly string[]; env?: Record<string, string> },
  fn: (room: AppsCase) => Promise<void>,
): void {
  onEachEngine(title, (engine) => {
    const { log, records } = captureLog();
    return withEngineApp(
      engine,
      async (app) => await fn(await setUp(app, records)),
      { env: { ...env, INSTALLED_APPS: installed.join(",") }, log },
    );
  });
}

async function setUp(app: TestApp, records: Collector<LogRecord>): Promise<AppsCase> {
  const editor = await signIn(app, "editor", EDITOR);
  const created = await editor.post("/api/desks", {
    name: "Politics",
    members: [{ user: editor.userId }],
  });
  assert.equal(created.status, 201, await created.clone().text());
  const desk = await body(await editor.get(`/api/desks/${(await created.json())._id}`));
  const posted = await body(
    await editor.post("/api/archive", {
      headline: "Budget vote",
      body_html: "<p>The council met on Tuesday.</p>",
      task: { desk: desk._id, stage: desk.working_stage },
    }),
    201,
  );
  const story = await body(await editor.get(`/api/archive/${posted._id}`));
  return { app, records, editor, desk, story };
}
