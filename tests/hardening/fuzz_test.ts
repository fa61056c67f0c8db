/**
 * A bounded schemathesis run (`scripts/schemathesis`, pinned, seeded) against a real server
 * process on each setup: the embedded default, and MongoDB (with Elasticsearch when set). Every
 * operation of the generated OpenAPI document is fuzzed as an administrator; the check is
 * `not_a_server_error`: 0 responses with a 5xx. CI installs schemathesis first (`.ci/run`);
 * elsewhere the test is skipped loudly when it is not installed.
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

/** Runs the fuzzer against `base` as `token`; returns its exit code and output. */
async function fuzz(base: string, token: string) {
  const output = await new Deno.Command("bash", {
    // The coverage phase (about 6300 boundary cases here, minutes on a busy machine) is left to
    // manual runs; examples, fuzzing and stateful sequences keep CI within a minute or two.
    args: [SCRIPT, "run", base, "--phases", "examples,fuzzing,stateful"],
    env: { SCHEMATHESIS_TOKEN: token, SCHEMATHESIS_MAX_EXAMPLES: "25", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  return { code: output.code, text };
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

for (const setup of ["embedded", "engines"] as const) {
  const mongoUri = setup === "engines" ? engineUrl("MONGO_URI") : undefined;
  Deno.test({
    name: `[${setup}] a bounded schemathesis fuzz of every operation gets no 5xx`,
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
        const { code, text } = await fuzz(base, await login(base));
        const summary = text.split("\n").filter((line) => /\d+ generated/.test(line));
        printLine(`fuzz [${setup}]: ${summary.join(" | ").trim()}`, { stream: "stderr" });
        assert.equal(code, 0, text.slice(-4000));
        assert.match(text, /\d+ generated, \d+ passed/);
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
