/**
 * Gates for suites that need a real engine. In CI (`CI=true`) a missing URL fails the suite;
 * elsewhere the suite is skipped with a loud message naming the variable to set
 * (`scripts/services start` prints them).
 */
import { printLine } from "../src/log.ts";

/**
 * The service URL variables that engine suites read (test servers included: FTP, mail, S3), and
 * the news corpus of the search differential test (`scripts/news_corpus`).
 */
export type EngineVariable =
  | "MONGO_URI"
  | "ELASTICSEARCH_URL"
  | "REDIS_URL"
  | "FTP_URL"
  | "SMTP_URL"
  | "IMAP_URL"
  | "S3_URL"
  | "NEWS_CORPUS";

const warned = new Set<string>();

/** The engine URL, or undefined (after a loud warning) when the suite should be skipped. */
export function engineUrl(variable: EngineVariable): string | undefined {
  const url = Deno.env.get(variable);
  if (url) return url;
  const script = variable === "NEWS_CORPUS"
    ? "scripts/news_corpus fetch"
    : "scripts/services start";
  if (Deno.env.get("CI") === "true") {
    throw new Error(`${variable} is not set: engine suites must run in CI (${script})`);
  }
  if (!warned.has(variable)) {
    warned.add(variable);
    printLine(
      `!!! SKIPPING suites that need ${variable}: run ${script} and export it`,
      {
        stream: "stderr",
      },
    );
  }
  return undefined;
}

/** A name unique to this test run, so parallel runs on one server never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

/**
 * Deletes every Elasticsearch index named `<prefix>_*` (a test's own prefix) on `url`
 * (default `ELASTICSEARCH_URL`; nothing when unset). The names are listed first: Elasticsearch refuses wildcard
 * deletes (`action.destructive_requires_name`), so `DELETE <prefix>_*` would leave them all.
 */
export async function dropElasticIndices(
  prefix: string,
  url = Deno.env.get("ELASTICSEARCH_URL"),
): Promise<void> {
  if (!url) return;
  const listed = await fetch(`${url}/_cat/indices/${prefix}_*?h=index&format=json`);
  if (!listed.ok) throw new Error(`listing ${prefix}_* failed: ${await listed.text()}`);
  const names = (await listed.json() as Array<{ index: string }>).map((row) => row.index);
  await deleteElasticIndices(url, names);
}

/** Deletes the Elasticsearch indexes `names` on `url` (nothing when there are none). */
export async function deleteElasticIndices(url: string, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const deleted = await fetch(`${url}/${names.join(",")}`, { method: "DELETE" });
  if (!deleted.ok) throw new Error(`deleting ${names} failed: ${await deleted.text()}`);
  await deleted.body?.cancel();
}
