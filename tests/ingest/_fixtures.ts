/** Sample agency files (tests/ingest/fixtures), read as bytes. */

const DIR = new URL("./fixtures/", import.meta.url);

/** The bytes of fixture `name`. */
export function fixture(name: string): Uint8Array {
  return Deno.readFileSync(new URL(name, DIR));
}

/** The path of fixture `name`. */
export function fixturePath(name: string): string {
  return new URL(name, DIR).pathname;
}
