/** Generated and adversarial HTML for the tests of the HTML-to-text helpers. */

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "<",
  ">",
  "</",
  "<!--",
  "-->",
  "--",
  "<!",
  "<?",
  "<p",
  "<p ",
  "<p a=",
  "<br",
  "<br/>",
  "</p",
  "</p>",
  "<script",
  "<script>",
  "</script",
  "</script>",
  "</script \n>",
  "<style",
  "<style>",
  "</style>",
  "</STYLE>",
  "<SCRIPT>",
  "<scripts",
  "<script-x",
  "<b:x",
  "<x_1",
  '"',
  "'",
  "='",
  '="',
  " ",
  "\n",
  "a",
  "word",
  "&amp;",
  "&#65;",
  "&x",
  "&",
  "<div",
  "<1",
  "< a",
  "<p'>'",
  ">>",
];

/** A random mix of tag starts, names, quotes, `>`, comment ends, raw elements and text. */
export function generatedHtml(next: () => number, pieces = 1 + Math.floor(next() * 30)): string {
  let html = "";
  for (let i = 0; i < pieces; i++) html += PIECES[Math.floor(next() * PIECES.length)];
  return html;
}

/** Units whose repetition made the regular expressions quadratic. */
export const ADVERSARIAL_UNITS = ["<", "<br", "<!--", "<script", "<p ", "<p a=", "</p", '<p "'];

/** `unit` repeated to `length` characters. */
export function adversarialHtml(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** The adversarial inputs at sizes the regular expressions handle quickly, and variants. */
export const ADVERSARIAL = [...ADVERSARIAL_UNITS, "<p '", "<style", "<p a "]
  .flatMap((unit) => [1, 2, 3, 50].map((times) => unit.repeat(times)))
  .flatMap((
    html,
  ) => [html, html + ">", html + '">', "<p>" + html, html + "-->", html + "</style>"]);
