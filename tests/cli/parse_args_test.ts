import assert from "node:assert/strict";
import { parseFlags, parseIntFlag, parseRoles } from "../../src/cli/parse_args.ts";
import { UsageError } from "../../src/errors.ts";

Deno.test("parseRoles expands all and accepts comma lists", () => {
  assert.deepEqual(parseRoles("all"), ["api", "ws", "worker"]);
  assert.deepEqual(parseRoles("api,ws"), ["api", "ws"]);
  assert.deepEqual(parseRoles("worker, api"), ["worker", "api"]);
});

Deno.test("parseRoles rejects an unknown role naming it and the valid ones", () => {
  assert.throws(() => parseRoles("api,web"), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /unknown role "web"/);
    assert.match(error.message, /api, ws, worker, all/);
    return true;
  });
});

Deno.test("parseFlags reads --name=value, --name value and switches", () => {
  const spec = { role: true, port: true, help: false };
  const parsed = parseFlags(["--role=api", "--port", "80", "--help", "x"], spec);
  assert.deepEqual(parsed.flags, { role: "api", port: "80", help: true });
  assert.deepEqual(parsed.positional, ["x"]);
});

Deno.test("parseFlags rejects an unknown flag naming it and listing the valid ones", () => {
  assert.throws(() => parseFlags(["--colour=red"], { role: true }), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /unknown flag --colour; valid flags: --role/);
    return true;
  });
});

Deno.test("parseFlags rejects a flag missing its value", () => {
  assert.throws(() => parseFlags(["--role"], { role: true }), /--role needs a value/);
});

Deno.test("parseIntFlag rejects non-numbers naming the flag", () => {
  assert.throws(() => parseIntFlag("workers", "two"), /--workers expects an integer/);
  assert.equal(parseIntFlag("workers", "4"), 4);
});
