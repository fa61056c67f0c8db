/** Our ASCII folding against Lucene's ASCIIFoldingFilter (fixtures/lucene_folding.json). */
import assert from "node:assert/strict";
import { foldToAscii } from "../../src/search/analysis/ascii_folding.ts";

const reference = JSON.parse(
  await Deno.readTextFile(new URL("./fixtures/lucene_folding.json", import.meta.url)),
) as { run: number; folded: Record<string, string> };

/** Every BMP code point from U+0020 (surrogates excepted) in runs, as LuceneFolding.java. */
function runs(): [string, string][] {
  const out: [string, string][] = [];
  let run = "";
  let first = 0;
  for (let cp = 0x20; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (!run) first = cp;
    run += String.fromCharCode(cp);
    if (run.length === reference.run || cp === 0xffff) {
      out.push([first.toString(16), run]);
      run = "";
    }
  }
  return out;
}

Deno.test("folding matches Lucene's ASCIIFoldingFilter over every BMP code point", () => {
  const mismatches: string[] = [];
  let changed = 0;
  for (const [first, run] of runs()) {
    const expected = reference.folded[first] ?? run;
    if (expected !== run) changed++;
    const actual = foldToAscii(run);
    if (actual !== expected) mismatches.push(`U+${first}: ${JSON.stringify(actual)}`);
  }
  assert.deepEqual(mismatches, []);
  assert.deepEqual(changed, Object.keys(reference.folded).length);
});

Deno.test("folding covers Latin, Greek and Cyrillic letters with diacritics and ligatures", () => {
  assert.deepEqual(
    foldToAscii("još café naïve ærø straße đuro łódź þorn œuvre ﬁx"),
    "jos cafe naive aero strasse duro lodz thorn oeuvre fix",
  );
  // Lucene folds no Greek or Cyrillic letters, accented or not.
  assert.deepEqual(foldToAscii("ἀθῆναι ёлка йод"), "ἀθῆναι ёлка йод");
  assert.deepEqual(foldToAscii("①⑵ ＡＢ “q”"), '1(2) AB "q"');
});

Deno.test("folding keeps supplementary characters and lone surrogates", () => {
  assert.deepEqual(foldToAscii("𝐀é😀\ud800x"), "𝐀e😀\ud800x");
  assert.deepEqual(foldToAscii("plain ascii"), "plain ascii");
});
