/**
 * The words the API reference uses for a resource ("Get a user", "List users"): the definition's
 * `nouns`, else derived from its name (`users` → user/users, `archive` → archive item/items).
 */
import type { ResourceDefinition } from "../../resources/resource_definition.ts";

/** How people name one item of `definition` and several. */
export function docNouns(definition: ResourceDefinition): { one: string; many: string } {
  if (definition.nouns) return definition.nouns;
  const words = definition.name.replaceAll("_", " ");
  if (words.endsWith("s")) return { one: words.slice(0, -1), many: words };
  return { one: `${words} item`, many: `${words} items` };
}

/** `a user`, `an item`: "an" before a vowel sound (a "u" read "you", as in user, is not one). */
export function withArticle(noun: string): string {
  return `${/^(?:[aeio]|u(?![bcdfghjklmnpqrstvwxz][aeiou]))/i.test(noun) ? "an" : "a"} ${noun}`;
}

/** `archive item` → `ArchiveItem` (component and operation names). */
export function pascal(text: string): string {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
}
