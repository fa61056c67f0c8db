import assert from "node:assert/strict";
import { MetricsRegistry } from "../../src/metrics/registry.ts";

Deno.test("series with equal labels add up whether the label object is reused or new", async () => {
  const registry = new MetricsRegistry();
  const requests = registry.counter("requests_total", "Requests");
  const reused = Object.freeze({ route: "/api/search", status: "200" });
  requests.inc(reused);
  requests.inc(reused);
  requests.inc({ status: "200", route: "/api/search" });
  requests.inc({ route: "/api/search", status: "400" }, 2);
  requests.inc();
  requests.inc(undefined, 4);
  const text = await registry.render();
  assert.match(text, /^requests_total\{route="\/api\/search",status="200"\} 3$/m);
  assert.match(text, /^requests_total\{route="\/api\/search",status="400"\} 2$/m);
  assert.match(text, /^requests_total 5$/m);
});

Deno.test("label values are escaped in the exposition format", async () => {
  const registry = new MetricsRegistry();
  registry.histogram("latency_seconds", "Latency", [0.1]).observe(0.05, {
    route: 'a"b\\c\nd',
  });
  const text = await registry.render();
  assert.match(text, /^latency_seconds_count\{route="a\\"b\\\\c\\nd"\} 1$/m);
  assert.match(text, /^latency_seconds_bucket\{route="a\\"b\\\\c\\nd",le="0.1"\} 1$/m);
});

Deno.test("a series resolved once counts into the same family as labelled calls", async () => {
  const registry = new MetricsRegistry();
  const requests = registry.counter("requests_total", "Requests");
  const latency = registry.histogram("latency_seconds", "Latency", [0.01, 0.1, 1]);
  const labels = { route: "/api/x", status: "200" };
  const counted = requests.series(labels);
  const observed = latency.series(labels);
  latency.series({ route: "/never" });
  counted.inc();
  counted.inc(2);
  requests.inc({ status: "200", route: "/api/x" });
  observed.observe(0.05);
  observed.observe(0.5);
  latency.observe(0.005, labels);
  observed.observe(5);
  const text = await registry.render();
  assert.match(text, /^requests_total\{route="\/api\/x",status="200"\} 4$/m);
  assert.match(text, /^latency_seconds_bucket\{route="\/api\/x",status="200",le="0.01"\} 1$/m);
  assert.match(text, /^latency_seconds_bucket\{route="\/api\/x",status="200",le="0.1"\} 2$/m);
  assert.match(text, /^latency_seconds_bucket\{route="\/api\/x",status="200",le="1"\} 3$/m);
  assert.match(text, /^latency_seconds_bucket\{route="\/api\/x",status="200",le="\+Inf"\} 4$/m);
  assert.match(text, /^latency_seconds_count\{route="\/api\/x",status="200"\} 4$/m);
  assert.match(text, /^latency_seconds_sum\{route="\/api\/x",status="200"\} 5\.555$/m);
  assert.doesNotMatch(text, /never/, "an unobserved series renders nothing");
});
