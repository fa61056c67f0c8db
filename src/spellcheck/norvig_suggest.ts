/**
 * Norvig's simple spelling corrector as Superdesk's `norvig_suggest` (`apps/spellcheck`): the
 * known words one edit away (or the word itself when known), most frequent first; a word known
 * capitalised (a name) is answered alone, else each suggestion comes lower-case and capitalised.
 */

const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

/** Words one deletion, transposition, replacement or insertion away from `word`. */
function edits1(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const a = word.slice(0, i);
    const b = word.slice(i);
    if (b) out.add(a + b.slice(1));
    if (b.length > 1) out.add(a + b[1] + b[0] + b.slice(2));
    for (const c of ALPHABET) {
      if (b) out.add(a + c + b.slice(1));
      out.add(a + c + b);
    }
  }
  return out;
}

function suggest(word: string, model: ReadonlyMap<string, number>): string[] {
  const known = model.has(word) ? [word] : [...edits1(word)].filter((w) => model.has(w));
  return known.sort((x, y) => (model.get(y) ?? 1) - (model.get(x) ?? 1));
}

/** Corrections of `word` from `model` (word → frequency). */
export function norvigSuggest(word: string, model: ReadonlyMap<string, number>): string[] {
  const names = suggest(capitalize(word), model);
  if (names.length === 1) return names;
  return suggest(word.toLowerCase(), model).flatMap((s) => [s, capitalize(s)]);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
