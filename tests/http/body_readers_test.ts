/**
 * The request-limits middleware reads JSON bodies ahead and keeps their bytes apart
 * (src/http/buffered_body.ts), so the original Request's body is used up: a route reading it
 * with Hono's or the Request's own readers would fail with a 500. Routes read bodies through
 * `readJsonBody`, `optionalBody`, `bodyText` or the bounded form reader; this test keeps it so.
 */
import assert from "node:assert/strict";

const DIRECT_READ = /\.req\.(raw\.)?(json|text|arrayBuffer|blob|formData|parseBody)\(/;

Deno.test("no route reads a request body around the read-ahead bytes", async () => {
  const offenders: string[] = [];
  for await (const file of typeScriptFiles(new URL("../../src/", import.meta.url))) {
    const lines = (await Deno.readTextFile(file)).split("\n");
    lines.forEach((line, index) => {
      if (DIRECT_READ.test(line)) offenders.push(`${file.pathname}:${index + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(offenders, []);
});

/** Every `.ts` file under `dir`, recursively. */
async function* typeScriptFiles(dir: URL): AsyncGenerator<URL> {
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) yield* typeScriptFiles(url);
    else if (entry.name.endsWith(".ts")) yield url;
  }
}
