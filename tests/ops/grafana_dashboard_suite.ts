/**
 * `ops/grafana/superdesk.json` is what operators look at: every metric its queries read exists
 * in the `/metrics` output of a running server (`superdesk --role=all`), and every label it
 * groups by is one those metrics carry (`instance` and `le` come from Prometheus and histograms).
 * Run on the embedded engines and on MongoDB + Redis + Elasticsearch.
 */
import assert from "node:assert/strict";
import { startServer } from "../_server_process.ts";
import { dropElasticIndices } from "../_engines.ts";

const DASHBOARD = new URL("../../ops/grafana/superdesk.json", import.meta.url);

/** PromQL words that are not metric names. */
const KEYWORDS = new Set([
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "bool",
  "and",
  "or",
  "unless",
  "offset",
]);

/** The metric names an expression reads, and the labels it groups by. */
export function queriedNames(expr: string): { metrics: string[]; groupings: string[] } {
  const groupings = [...expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)]
    .flatMap((match) => match[1]!.split(",").map((label) => label.trim()).filter(Boolean));
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ");
  const metrics = [...bare.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)\s*(\()?/g)]
    .filter((match) => !match[2] && !KEYWORDS.has(match[1]!))
    .map((match) => match[1]!);
  return { metrics, groupings };
}

/** Registers the test against a server started with `env`. */
export function grafanaDashboardSuite(
  name: string,
  env: Record<string, string>,
  { ignore = false } = {},
) {
  Deno.test({
    name: `[${name}] every metric the Grafana dashboard queries exists in /metrics`,
    ignore,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const dashboard = JSON.parse(await Deno.readTextFile(DASHBOARD));
      const panels = (dashboard.panels as { type: string; title: string; targets?: unknown[] }[])
        .filter((panel) => panel.type !== "row");
      const exprs = panels.flatMap((panel) =>
        (panel.targets as { expr: string }[] ?? []).map(({ expr }) => ({
          panel: panel.title,
          expr,
        }))
      );
      assert.ok(exprs.length >= 20, `${exprs.length} queries`);
      const server = await startServer(["--role=all"], {
        env: { WORKERS: "1", ...env },
        listening: ["api", "ws"],
      });
      try {
        const base = `http://127.0.0.1:${server.ports.api}`;
        await server.waitFor((record) => record.msg === "task worker ready");
        // One request, so the request metrics have a series.
        await (await fetch(`${base}/api`)).body?.cancel();
        const scrape = await (await fetch(`${base}/metrics`)).text();
        const labelsOf = new Map<string, Set<string>>();
        for (const line of scrape.split("\n")) {
          const match = /^([A-Za-z_:][A-Za-z0-9_:]*)(\{([^}]*)\})? /.exec(line);
          if (!match) continue;
          const labels = labelsOf.get(match[1]!) ?? new Set<string>();
          for (const pair of (match[3] ?? "").matchAll(/([A-Za-z_][A-Za-z0-9_]*)="/g)) {
            labels.add(pair[1]!);
          }
          labelsOf.set(match[1]!, labels);
        }
        for (const { panel, expr } of exprs) {
          const { metrics, groupings } = queriedNames(expr);
          assert.ok(metrics.length > 0, `"${panel}" reads no metric: ${expr}`);
          for (const metric of metrics) {
            assert.ok(labelsOf.has(metric), `"${panel}" reads ${metric}, absent from /metrics`);
          }
          for (const label of groupings.filter((label) => label !== "instance")) {
            const carried = metrics.some((metric) => labelsOf.get(metric)!.has(label));
            assert.ok(carried, `"${panel}" groups by ${label}, which ${metrics} lack`);
          }
        }
      } finally {
        assert.equal(await server.stop(), 0);
        if (env.ELASTICSEARCH_INDEX) {
          await dropElasticIndices(env.ELASTICSEARCH_INDEX, env.ELASTICSEARCH_URL);
        }
      }
    },
  });
}
