import assert from "node:assert/strict";
import { grafanaDashboardSuite, queriedNames } from "./grafana_dashboard_suite.ts";

grafanaDashboardSuite("embedded", {});

Deno.test("queriedNames finds metrics, not functions, labels, ranges or keywords", () => {
  assert.deepEqual(
    queriedNames(
      'histogram_quantile(0.95, sum by (le, route) (rate(a_bucket{x=~"y|z"}[$__rate_interval]))) / on (job) b_total',
    ),
    { metrics: ["a_bucket", "b_total"], groupings: ["le", "route"] },
  );
});
