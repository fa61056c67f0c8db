/**
 * A plain PDF of text lines (Helvetica, WinAnsi: characters outside it print as "?"): lines are
 * wrapped to the page width and paged. What the rundown exports need to be printable and opened
 * by any reader; no tables or fonts beyond the standard ones.
 */

/** Page sizes in points. */
export const A4 = { width: 595, height: 842 };

const FONT_SIZE = 11;
const LEADING = 15;
const MARGIN = 40;
/** Helvetica's average advance, in font units of 1000: a safe wrap width. */
const CHAR_WIDTH = 0.55;

/** The PDF bytes of `lines` (every character of the text is one byte by then, so lengths are
 * byte counts) on pages of `size`, titled `title`. */
export function plainPdf(
  lines: string[],
  { title, size = A4 }: { title: string; size?: { width: number; height: number } },
): Uint8Array<ArrayBuffer> {
  const perLine = Math.floor((size.width - 2 * MARGIN) / (FONT_SIZE * CHAR_WIDTH));
  const perPage = Math.floor((size.height - 2 * MARGIN) / LEADING);
  const wrapped = lines.flatMap((line) => wrap(line, perLine));
  const pages: string[][] = [];
  for (let at = 0; at < Math.max(1, wrapped.length); at += perPage) {
    pages.push(wrapped.slice(at, at + perPage));
  }
  const objects: string[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Title ${pdfString(title)} /Producer (superdesk) >>`,
  ];
  const kids: string[] = [];
  for (const page of pages) {
    const text = page.map((line, index) =>
      `BT /F1 ${FONT_SIZE} Tf ${MARGIN} ${size.height - MARGIN - index * LEADING} Td ` +
      `${pdfString(line)} Tj ET`
    ).join("\n");
    objects.push(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
    const content = objects.length;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${size.width} ${size.height}] ` +
        `/Resources << /Font << /F1 3 0 R >> >> /Contents ${content} 0 R >>`,
    );
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${kids.length} >>`;
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(out.length);
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\n` +
    `startxref\n${xref}\n%%EOF\n`;
  return latin1Bytes(out);
}

/** The bytes of `text`, one per character (all below 256 by then), in one pass. */
function latin1Bytes(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return bytes;
}

/** `line` cut at spaces into pieces of at most `width` characters. */
function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(" ", width);
    const at = cut > 0 ? cut : width;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  out.push(rest);
  return out;
}

/** WinAnsi's characters above Latin-1's control range that differ from their code points. */
const WIN_ANSI: Record<string, number> = {
  "€": 0x80,
  "‚": 0x82,
  "ƒ": 0x83,
  "„": 0x84,
  "…": 0x85,
  "†": 0x86,
  "‡": 0x87,
  "ˆ": 0x88,
  "‰": 0x89,
  "Š": 0x8a,
  "‹": 0x8b,
  "Œ": 0x8c,
  "Ž": 0x8e,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  "˜": 0x98,
  "™": 0x99,
  "š": 0x9a,
  "›": 0x9b,
  "œ": 0x9c,
  "ž": 0x9e,
  "Ÿ": 0x9f,
};

/** A PDF literal string in WinAnsi bytes (one char per byte), escaped. */
function pdfString(text: string): string {
  let out = "(";
  for (const char of text) {
    const code = WIN_ANSI[char] ?? char.codePointAt(0)!;
    const byte = (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) ||
        WIN_ANSI[char] !== undefined
      ? code
      : 0x3f;
    const c = String.fromCharCode(byte);
    out += c === "(" || c === ")" || c === "\\" ? `\\${c}` : c;
  }
  return `${out})`;
}
