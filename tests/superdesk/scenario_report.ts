/**
 * Counts, per Superdesk feature, how the scenarios fare in a `deno test` run of
 * tests/superdesk/: passing and failing on each setup, `[needs X]`, `[wrong for us: …]`,
 * `[FAILING: …]`, and the scenarios of the upstream `.feature` file not listed at all.
 *
 * ```sh
 * deno test … tests/superdesk/ 2>&1 | deno run --allow-read tests/superdesk/scenario_report.ts \
 *   [--features=/work/upstream/superdesk-core/features] [--only=auth,user]
 * ```
 * Prints a Markdown table; `--causes` lists each needs/wrong/FAILING reason with its count.
 */
import { printLine } from "../../src/log.ts";

/** One feature's tallies. */
interface Tally {
  embeddedOk: number;
  embeddedFailed: number;
  enginesOk: number;
  enginesFailed: number;
  needs: number;
  wrong: number;
  failing: number;
  titles: Set<string>;
  /** `needs X`, `wrong for us …`, `FAILING …` of each scenario not run. */
  causes: string[];
}

const ANSI = new RegExp(String.fromCharCode(27) + "\\[[0-9;]*m", "g");
const RUN = /^\[(embedded|engines)\] superdesk ([\w-]+): (.*?) \.\.\. (ok|FAILED)/;
const SKIPPED =
  /^superdesk ([\w-]+): (.*) \[(needs|wrong for us|FAILING)(?::)? ?(.*)\] \.\.\. ignored/;
const PARALLEL_PREFIX = /^\S+\.ts => /;
const UPSTREAM_TITLE = /^\s*Scenario(?: Outline)?:\s*(.*?)\s*$/;

function emptyTally(): Tally {
  return {
    embeddedOk: 0,
    embeddedFailed: 0,
    enginesOk: 0,
    enginesFailed: 0,
    needs: 0,
    wrong: 0,
    failing: 0,
    titles: new Set(),
    causes: [],
  };
}

/** Reads a `deno test` log into per-feature tallies. */
export function tally(log: string): Map<string, Tally> {
  const features = new Map<string, Tally>();
  const of = (name: string) => {
    let t = features.get(name);
    if (!t) features.set(name, t = emptyTally());
    return t;
  };
  for (const raw of log.split("\n")) {
    // `deno test --parallel` prefixes each result with its file (`./x_test.ts => `).
    const line = raw.replace(ANSI, "").trim().replace(PARALLEL_PREFIX, "");
    const run = RUN.exec(line);
    if (run) {
      const [, engine, name, title, result] = run as unknown as string[];
      const t = of(name!);
      t.titles.add(title!);
      const ok = result === "ok";
      if (engine === "embedded") ok ? t.embeddedOk++ : t.embeddedFailed++;
      else ok ? t.enginesOk++ : t.enginesFailed++;
      continue;
    }
    const skipped = SKIPPED.exec(line);
    if (skipped) {
      const [, name, title, kind, reason] = skipped as unknown as string[];
      const t = of(name!);
      t.titles.add(title!);
      if (kind === "needs") t.needs++;
      else if (kind === "wrong for us") t.wrong++;
      else t.failing++;
      t.causes.push(`${kind} ${reason}`);
    }
  }
  return features;
}

/** Titles of the scenarios in an upstream `.feature` file. */
export function upstreamTitles(text: string): string[] {
  return text.split("\n").flatMap((line) => {
    const m = UPSTREAM_TITLE.exec(line);
    return m ? [m[1]!] : [];
  });
}

if (import.meta.main) {
  const args = new Map<string, string>(
    Deno.args.map((a) => {
      const [name, value = ""] = a.replace(/^--/, "").split("=", 2);
      return [name!, value];
    }),
  );
  const dir = args.get("features") || undefined;
  const only = args.get("only") ? args.get("only")!.split(",") : undefined;
  const log = await new Response(Deno.stdin.readable).text();
  const features = tally(log);
  printLine(
    "| feature | upstream | embedded ok/fail | engines ok/fail | needs | wrong | FAILING | unlisted |",
  );
  printLine("|---|---|---|---|---|---|---|---|");
  const names = only ?? [...features.keys()].sort();
  for (const name of names) {
    const t = features.get(name) ?? emptyTally();
    let upstream = "?";
    let unlisted = "?";
    if (dir) {
      const titles = upstreamTitles(await Deno.readTextFile(`${dir}/${name}.feature`));
      upstream = String(titles.length);
      unlisted = String(titles.filter((title) => !t.titles.has(title)).length);
    }
    printLine(
      `| ${name} | ${upstream} | ${t.embeddedOk}/${t.embeddedFailed} | ` +
        `${t.enginesOk}/${t.enginesFailed} | ${t.needs} | ${t.wrong} | ${t.failing} | ${unlisted} |`,
    );
  }
  if (args.has("causes")) {
    const causes = new Map<string, number>();
    for (const name of names) {
      for (const cause of features.get(name)?.causes ?? []) {
        causes.set(cause, (causes.get(cause) ?? 0) + 1);
      }
    }
    for (const [cause, n] of [...causes].sort((a, b) => b[1] - a[1])) printLine(`${n}\t${cause}`);
  }
}
