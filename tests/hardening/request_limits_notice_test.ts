/**
 * The request-limits middleware hands routes a copy of the request with the body it read
 * (`request_with_body.ts`); deriving the copy from the served request read that request's
 * `signal`, on which Deno prints "request.signal aborts on successful responses (legacy
 * behavior)" into the server's stderr. Run in a child process to read that stderr.
 */
import assert from "node:assert/strict";

Deno.test("a body read by the request limits reaches the route without Deno's legacy-abort notice", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net=127.0.0.1",
      new URL("./_body_copy_server.ts", import.meta.url).pathname,
    ],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, stderr);
  assert.deepEqual(new TextDecoder().decode(output.stdout).trim().split("\n"), [
    "POST buffered",
    "PUT streamed",
  ]);
  assert.doesNotMatch(stderr, /request\.signal|legacy/, stderr);
});
