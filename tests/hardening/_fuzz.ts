/**
 * A bounded schemathesis run (`scripts/schemathesis`, pinned, seeded) against a real server
 * process on each setup: the embedded default, and MongoDB (with Elasticsearch when set). Every
 * operation of the generated OpenAPI document is fuzzed as an administrator, and every response
 * must conform to the document: no 5xx, only documented statuses, bodies valid against their
 * schemas (wire dates, `_links`, error envelopes), documented content types and headers, `Allow`
 * on a 405, 428 without a required `If-Match`, a deleted item gone, auth enforced. Not checked:
 * `positive_data_acceptance` and `negative_data_rejection`, which judge the request schemas, not
 * the answers: Superdesk refuses some schema-valid bodies by rule (workflow, uniqueness, references;
 * a documented 400/409) and, as Eve, reads a `page=zero` as page 1. CI installs schemathesis first
 * (`.ci/run`); elsewhere the test is skipped loudly when it is not installed. Each setup's run is
 * a file of its own (`fuzz_embedded_test.ts`, `fuzz_engines_test.ts`): minutes each, run in parallel.
 */
import assert from "node:assert/strict";
import { MongoClient } from "mongodb";
import { printLine } from "../../src/log.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { runBinary, startServer } from "../_server_process.ts";

const SCRIPT = new URL("../../scripts/schemathesis", import.meta.url).pathname;
const installed = new Deno.Command("bash", { args: [SCRIPT, "installed"] }).outputSync().success;
if (!installed) {
  if (Deno.env.get("CI") === "true") {
    throw new Error("schemathesis is not installed: run scripts/schemathesis install");
  }
  printLine("!!! SKIPPING the fuzz suite: run scripts/schemathesis install", { stream: "stderr" });
}

const PASSWORD = `pw-${crypto.randomUUID()}`;
const CONFIG = new URL("./schemathesis.toml", import.meta.url).pathname;
const CHECKS = [
  "not_a_server_error",
  "status_code_conformance",
  "content_type_conformance",
  "response_headers_conformance",
  "response_schema_conformance",
  "missing_required_header",
  "unsupported_method",
  "allow_header_conformance",
  "use_after_free",
  "ensure_resource_availability",
  "ignored_auth",
];

/**
 * The phases run on each setup. Both run the explicit examples and the stateful sequences (the
 * document's links). The embedded setup runs the coverage phase (boundary and invalid values of
 * every parameter and body field, missing headers, undeclared methods: about 15000 cases, the
 * bulk of what the conformance checks judge); the engines run random fuzzing (25 examples per
 * operation), which finds the inputs no boundary list holds. Together they stay within minutes.
 */
const PHASES = { embedded: "examples,coverage,stateful", engines: "examples,fuzzing,stateful" };

/** Runs the fuzzer against `base` as `token` with `phases`; returns its exit code and output. */
async function fuzz(base: string, token: string, phases: string) {
  const output = await new Deno.Command("bash", {
    args: [SCRIPT, "run", base, "--phases", phases],
    env: {
      SCHEMATHESIS_TOKEN: token,
      SCHEMATHESIS_CHECKS: CHECKS.join(","),
      SCHEMATHESIS_CONFIG: CONFIG,
      SCHEMATHESIS_MAX_EXAMPLES: "25",
      NO_COLOR: "1",
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  return { code: output.code, text };
}

/** How many operations the server's OpenAPI document describes. */
async function operationCount(base: string): Promise<number> {
  const document = await (await fetch(`${base}/api/openapi.json`)).json();
  const methods = ["get", "put", "post", "delete", "patch"];
  return Object.values(document.paths as Record<string, Record<string, unknown>>)
    .reduce((sum, item) => sum + Object.keys(item).filter((m) => methods.includes(m)).length, 0);
}

/** Schemathesis's failures section (its last lines when there is none): the assertion's message. */
function failures(text: string): string {
  const start = text.search(/=+ FAILURES =+/);
  if (start < 0) return text.slice(-4000);
  const end = text.slice(start + 1).search(/\n=+ (WARNINGS|SUMMARY) =+/);
  return text.slice(start, end < 0 ? undefined : start + 1 + end).slice(0, 12000);
}

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth_db`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "admin", password: PASSWORD }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()).token;
}

async function dropElasticIndexes(url: string, prefix: string) {
  const listed = await fetch(`${url}/_cat/indices/${prefix}_*?format=json&h=index`);
  for (const { index } of (await listed.json()) as { index: string }[]) {
    await (await fetch(`${url}/${index}`, { method: "DELETE" })).body?.cancel();
  }
}

/** Registers the fuzz of `setup` (a test file of its own each, so the two can run in parallel). */
export function fuzzTest(setup: "embedded" | "engines"): void {
  const mongoUri = setup === "engines" ? engineUrl("MONGO_URI") : undefined;
  Deno.test({
    name: `[${setup}] a bounded schemathesis fuzz of every operation: answers as documented`,
    ignore: !installed || (setup === "engines" && !mongoUri),
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const env: Record<string, string> = { SUPERDESK_ADMIN_PASSWORD: PASSWORD };
      const elastic = Deno.env.get("ELASTICSEARCH_URL");
      if (mongoUri) {
        Object.assign(env, {
          MONGO_URI: mongoUri,
          MONGO_DBNAME: uniqueName("fuzz"),
          ELASTICSEARCH_INDEX: uniqueName("fuzz"),
          ...(elastic ? { ELASTICSEARCH_URL: elastic } : {}),
        });
        const created = await runBinary([
          "users:create",
          "--username",
          "admin",
          "--password",
          PASSWORD,
          "--email",
          "admin@example.com",
          "--admin",
        ], env);
        assert.equal(created.code, 0, created.stderr);
      }
      const server = await startServer(["--role=api"], { env });
      try {
        const base = `http://127.0.0.1:${server.ports.api}`;
        const { code, text } = await fuzz(base, await login(base), PHASES[setup]);
        const summary = text.split("\n").filter((line) => /\d+ generated/.test(line));
        printLine(
          `fuzz [${setup}]: ${/Tested: \d+/.exec(text)?.[0]} operations, ${
            summary.join(" | ").trim()
          }`,
          { stream: "stderr" },
        );
        assert.equal(code, 0, failures(text));
        assert.match(text, /\d+ generated, \d+ passed/);
        // Every operation of the document was exercised.
        const tested = Number(/Tested: (\d+)/.exec(text)?.[1]);
        assert.equal(tested, await operationCount(base), text.slice(-4000));
      } finally {
        await server.stop();
        if (mongoUri) {
          const client = new MongoClient(mongoUri);
          await client.db(env.MONGO_DBNAME).dropDatabase();
          await client.close();
          if (elastic) await dropElasticIndexes(elastic, env.ELASTICSEARCH_INDEX!);
        }
      }
    },
  });
}
