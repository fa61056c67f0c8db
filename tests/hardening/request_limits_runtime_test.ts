/**
 * The request-limits middleware replaces a request's body without deriving the new Request from
 * the one `Deno.serve` made: deriving reads the original's signal, which Deno aborts after every
 * answer and warns about on stderr ("legacy behavior"), in a server's log for the first streamed
 * or non-JSON body. Checked in a child process, whose stderr this test reads.
 */
import assert from "node:assert/strict";

Deno.test("a replaced request body leaves the runtime nothing to warn about", async () => {
  const script = new URL("./_limited_echo_server.ts", import.meta.url).pathname;
  const config = new URL("../../deno.dev.json", import.meta.url).pathname;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--config", config, "--allow-net", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, stderr);
  assert.equal(new TextDecoder().decode(output.stdout), "streamed body\nannounced body\n");
  assert.doesNotMatch(stderr, /legacy behavior|signal/, stderr);
});
