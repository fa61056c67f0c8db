/** The rundown exports' PDF writer: a well-formed file (offsets, lengths, pages) of the text. */
import assert from "node:assert/strict";
import { plainPdf } from "../../src/rundowns/plain_pdf.ts";

Deno.test("plainPdf: offsets, stream lengths and pages are what a reader follows", () => {
  const lines = Array.from(
    { length: 120 },
    (_, i) => `line ${i} (Šta nas čeka) ${"word ".repeat(30)}`,
  );
  const pdf = new TextDecoder("latin1").decode(plainPdf(lines, { title: "A (title)" }));
  const startxref = Number(pdf.match(/startxref\n(\d+)\n%%EOF\n$/)![1]);
  assert.ok(pdf.startsWith("xref\n", startxref));
  const entries = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) =>
    Number(m[1])
  );
  entries.forEach((offset, index) => assert.ok(pdf.startsWith(`${index + 1} 0 obj\n`, offset)));
  for (const [, length, body] of pdf.matchAll(/\/Length (\d+) >>\nstream\n([^]*?)\nendstream/g)) {
    assert.equal(body!.length, Number(length));
  }
  const pages = Number(pdf.match(/\/Count (\d+)/)![1]);
  assert.ok(pages >= 5, `${pages} pages`);
  assert.equal([...pdf.matchAll(/\/Type \/Page /g)].length, pages);
  // Parentheses escaped; characters outside WinAnsi ("č") printed as "?", "Š" kept (the
  // decoder is windows-1252, WinAnsi's superset).
  assert.match(pdf, /\/Title \(A \\\(title\\\)\)/);
  assert.match(pdf, /\(line 0 \\\(Šta nas \?eka\\\) word/);
});
