/**
 * Summarises V8 CPU profiles (`deno run --cpu-prof --cpu-prof-dir=DIR`, as the benches'
 * BENCH_CPU_PROF writes them; one file per isolate: the main thread and each worker): per file, the busy and idle share of the sampled time, the
 * functions with the most self time, and the time spent under each source file of ours
 * (inclusive, counted once per sample). Usage:
 * `deno run --allow-read bench/cpu_profile_summary.ts DIR [top] [FROM-TO]`, where FROM-TO (epoch
 * milliseconds, as `bench:publish` prints its publishing window) keeps only the samples taken in
 * that window: a profile's clock starts at the epoch time in its file name. Not a test.
 */
import { printLine } from "../src/log.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(["(idle)", "(program)", "(garbage collector)"]);

/** Epoch milliseconds bounding the samples counted; the whole profile when absent. */
interface Window {
  from: number;
  to: number;
  /** Epoch milliseconds of the profile's first sample (from its file name). */
  startedAt: number;
}

function summarise(profile: Profile, top: number, window?: Window): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0, idle = 0, gc = 0, elapsed = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    elapsed += ms;
    if (window) {
      const at = window.startedAt + elapsed;
      if (at < window.from || at > window.to) return;
    }
    total += ms;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName || "(anonymous)";
    if (name === "(idle)") return void (idle += ms);
    if (name === "(garbage collector)") gc += ms;
    const key = IDLE.has(name)
      ? name
      : `${name} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const url = shortUrl(byId.get(at)!.callFrame.url);
      if (url.startsWith("src/") && !seen.has(url)) {
        seen.add(url);
        files.set(url, (files.get(url) ?? 0) + ms);
      }
    }
  });
  const busy = total - idle;
  const lines = [
    `sampled ${total.toFixed(0)} ms: busy ${busy.toFixed(0)} ms (${pct(busy, total)}), ` +
    `GC ${gc.toFixed(0)} ms`,
    "  self time:",
    ...[...self].sort((a, b) => b[1] - a[1]).slice(0, top)
      .map(([key, ms]) =>
        `    ${ms.toFixed(0).padStart(6)} ms ${pct(ms, busy).padStart(6)}  ${key}`
      ),
    "  inclusive time under our files:",
    ...[...files].sort((a, b) => b[1] - a[1]).slice(0, top)
      .map(([url, ms]) =>
        `    ${ms.toFixed(0).padStart(6)} ms ${pct(ms, busy).padStart(6)}  ${url}`
      ),
  ];
  return lines;
}

function shortUrl(url: string): string {
  const at = url.indexOf("/src/");
  if (at >= 0) return url.slice(at + 1);
  const npm = url.indexOf("/npm/");
  if (npm >= 0) return url.slice(npm + 1);
  return url.replace(/^ext:/, "ext:");
}

function pct(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : "-";
}

const [dir, topArg, windowArg] = Deno.args;
if (!dir) throw new Error("usage: cpu_profile_summary.ts DIR [top] [FROM-TO]");
const top = Number(topArg ?? 25);
const [from, to] = (windowArg ?? "").split("-").map(Number);
for await (const entry of Deno.readDir(dir)) {
  if (!entry.name.endsWith(".cpuprofile")) continue;
  const profile = JSON.parse(await Deno.readTextFile(`${dir}/${entry.name}`)) as Profile;
  // File names read CPU.<epoch ms>.<pid>[.worker-N].cpuprofile.
  const startedAt = Number(entry.name.split(".")[1]);
  const window = windowArg ? { from: from!, to: to!, startedAt } : undefined;
  printLine(`== ${entry.name}`);
  for (const line of summarise(profile, top, window)) printLine(line);
}
