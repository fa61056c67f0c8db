/**
 * `text.indexOf(needle, from)` for `from`s that mostly increase, as scanners ask it: one search
 * answers every `from` up to what it found (or every later one when it found nothing), so a
 * scanner that asks again from each of many starts with no `needle` after them stays linear.
 */
export function forwardSearch(text: string, needle: string): (from: number) => number {
  let searched = -1;
  let found = -1;
  return (from) => {
    if (searched < 0 || from < searched || (found >= 0 && from > found)) {
      searched = from;
      found = text.indexOf(needle, from);
    }
    return found;
  };
}
