/**
 * Field-name patterns of the search DSL (`fields: ["head*"]`, `_source` and highlight field
 * names): `*` matches any run of characters, everything else itself. Matched by the greedy
 * two-pointer walk (at most pattern × text steps), never by a backtracking `RegExp`: `.*`
 * repeated a dozen times took 20 s on a 23-character field name and froze the server.
 */

/** A test for whole field names against `pattern`. */
export function fieldPattern(pattern: string): (name: string) => boolean {
  return (name) => matches(pattern, name);
}

function matches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}
