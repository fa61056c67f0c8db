import assert from "node:assert/strict";
import { runBinary } from "../_server_process.ts";

Deno.test("an unknown role exits non-zero with one line naming it and the valid roles", async () => {
  const { code, stderr } = await runBinary(["--role=api,web"]);
  assert.notEqual(code, 0);
  assert.equal(stderr.trim().split("\n").length, 1);
  assert.match(stderr, /unknown role "web"; valid roles: api, ws, worker, all/);
});

Deno.test("an unknown flag exits non-zero naming it and the valid flags", async () => {
  const { code, stderr } = await runBinary(["--colour=red"]);
  assert.notEqual(code, 0);
  assert.match(stderr, /unknown flag --colour; valid flags: --role, --workers, --port, --ws-port/);
});

Deno.test("an unknown subcommand exits non-zero naming it and the valid ones", async () => {
  const { code, stderr } = await runBinary(["users:frobnicate"]);
  assert.notEqual(code, 0);
  assert.match(stderr, /unknown command "users:frobnicate"; valid commands: check/);
});

Deno.test("a malformed environment value fails at start naming the variable", async () => {
  const { code, stderr } = await runBinary(["--role=api"], { PORT: "eighty" });
  assert.notEqual(code, 0);
  assert.match(stderr, /PORT: expected an integer/);
});

Deno.test("--help describes the binary; <command> --help describes the command", async () => {
  const top = await runBinary(["--help"]);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /--role=LIST/);
  assert.match(top.stdout, /check/);
  const check = await runBinary(["check", "--help"]);
  assert.equal(check.code, 0);
  assert.match(check.stdout, /superdesk check/);
});

Deno.test("an unknown flag of a subcommand names the command", async () => {
  const { code, stderr } = await runBinary(["check", "--verbose"]);
  assert.notEqual(code, 0);
  assert.match(stderr, /check: unknown flag --verbose/);
});

Deno.test("users:create creates a user who can then log in; a duplicate fails naming the unique field", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "superdesk_cli_" });
  try {
    const env = { DATA_DIR: dataDir };
    const args = [
      "users:create",
      "--username=editor",
      "--password=secret-pass",
      "--email=e@example.com",
    ];
    const created = await runBinary(args, env);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /created user editor \([a-f0-9]{24}\)/);
    const duplicate = await runBinary(args, env);
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /"unique":1/);
    const missing = await runBinary(["users:create", "--username=x"], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--password is required/);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("app:initialize_data is idempotent", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "superdesk_cli_" });
  try {
    const env = { DATA_DIR: dataDir, SUPERDESK_ADMIN_PASSWORD: "admin-pass-1" };
    const first = await runBinary(["app:initialize_data"], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /admin created: yes; vocabularies created: categories, /);
    assert.match(
      first.stdout,
      /content profiles created: text, picture, audio, video, composite; templates created: kill, takedown, plain text; sample desk created: yes/,
    );
    const second = await runBinary(["app:initialize_data"], env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(
      second.stdout,
      /roles created: none; admin created: no; vocabularies created: none; content profiles created: none; templates created: none; sample desk created: no/,
    );
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("check prints each engine with its version and fails when one is unreachable", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "superdesk_cli_" });
  try {
    const ok = await runBinary(["check"], { DATA_DIR: dataDir });
    assert.equal(ok.code, 0, ok.stderr);
    for (const seam of ["documents", "search", "queue", "bus"]) {
      assert.match(ok.stdout, new RegExp(`^ok\\s+${seam}\\s+\\w+`, "m"));
    }
    assert.match(ok.stdout, /documents\s+sqlite 3\.\d+\.\d+ \([\d.]+ ms\)/);
    const down = await runBinary(["check"], {
      DATA_DIR: dataDir,
      MONGO_URI: "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300",
    });
    assert.equal(down.code, 1);
    assert.match(down.stdout, /^FAIL documents\s+mongodb UNREACHABLE/m);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
