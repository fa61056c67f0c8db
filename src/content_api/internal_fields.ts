/**
 * The content API store's own fields (`subscribers`, `_etag`, `_created`, `_updated`,
 * `_current_version`, `_latest_version`, `ancestors`, `refs`), which consumers never get
 * (`consumer_item.ts`) and may not search: a query on `subscribers` would tell a subscriber
 * which others received its own items. A field path naming one (at any depth, `associations.x.
 * subscribers` too), or a wildcard pattern that could reach one, is refused with a 400 naming
 * the parameter and the field, in `where`, `sort`, `q` (its `field:` prefixes and `_exists_`)
 * and `filter`. Text searched without fields (`q`, a `query_string` or `multi_match` without
 * `fields`) goes to `CONSUMER_TEXT_FIELDS` rather than Elasticsearch's every field. A
 * deliberate deviation from Superdesk, which searches them all (README, Content API).
 */
import { BadRequestError } from "../errors.ts";
import type { Filter, Sort } from "../storage/document_store.ts";
import { contentApiItemSchema } from "./items_schema.ts";

/** The store's fields consumers neither get nor search (`_id` is their item's `uri`: public). */
export const INTERNAL_FIELDS: readonly string[] = [
  "subscribers",
  "_etag",
  "_created",
  "_updated",
  "_current_version",
  "_latest_version",
  "ancestors",
  "refs",
];
const INTERNAL = new Set(INTERNAL_FIELDS);

/** Declared fields whose values are objects: searched through their sub-fields. */
const OBJECT_FIELDS = new Set(["service", "subject", "genre", "place", "signal"]);

/**
 * What a consumer's text without fields searches: the item's declared fields but the internal
 * ones (objects by their sub-fields).
 */
export const CONSUMER_TEXT_FIELDS: readonly string[] = Object.keys(
  contentApiItemSchema.properties,
)
  .filter((field) => !INTERNAL.has(field))
  .map((field) => OBJECT_FIELDS.has(field) ? `${field}.*` : field);

/** The internal field `path` (a field or a pattern with `*`/`?`) names or may reach, if any. */
export function internalFieldOf(path: string): string | undefined {
  // Elasticsearch reads everything after a field's first `^` as its boost (`f^2`, `f^1e1`, `f^2f`).
  const field = path.split("^")[0]!;
  if (/[*?]/.test(field)) {
    const glob = new RegExp(
      `^${field.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`,
    );
    return INTERNAL_FIELDS.find((name) => glob.test(name) || glob.test(`associations.x.${name}`));
  }
  return field.split(".").find((segment) => INTERNAL.has(segment));
}

/** Refuses `path` of parameter `param` when it reaches an internal field. */
export function refuseInternal(param: string, path: string): void {
  const internal = internalFieldOf(path);
  if (internal === undefined) return;
  throw new BadRequestError(
    `Bad parameter value for Parameter (${param}): the field ${internal} cannot be queried`,
    { issues: { [param]: `the field ${internal} cannot be queried` } },
  );
}

/** Refuses a `where` filter naming an internal field anywhere (operators' operands too). */
export function refuseInternalWhere(filter: unknown): void {
  if (Array.isArray(filter)) return filter.forEach(refuseInternalWhere);
  if (typeof filter !== "object" || filter === null || filter instanceof Date) return;
  for (const [key, value] of Object.entries(filter as Filter)) {
    if (!key.startsWith("$")) refuseInternal("where", key);
    refuseInternalWhere(value);
  }
}

/** Refuses a sort on an internal field. */
export function refuseInternalSort(sort: Sort | undefined): void {
  for (const [field] of sort ?? []) refuseInternal("sort", field);
}

/**
 * Refuses query text (`q`, or a `query_string`'s `query`, of parameter `param`) with a `field:`
 * prefix, or an `_exists_:` operand (quoted too), reaching an internal field. Other quoted
 * phrases are skipped; escapes are read as Lucene reads them (`sub\scribers:` names
 * `subscribers`); everything else that ends in an unescaped `:` is taken as a field name, with
 * Lucene's whitespace between the two (`subscribers :x` is a search of `subscribers`).
 */
export function refuseInternalText(param: string, text: string): void {
  let token = "";
  /** The word before whitespace, which a `:` after that whitespace makes a field name. */
  let before = "";
  let afterExists = false;
  const end = () => {
    if (afterExists && token !== "") {
      refuseInternal(param, token);
      afterExists = false;
    }
    token = "";
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "\\") {
      token += text[++i] ?? "";
    } else if (char === '"') {
      end();
      let phrase = "";
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === "\\") i++;
        phrase += text[i] ?? "";
      }
      if (afterExists) refuseInternal(param, phrase);
      afterExists = false;
      before = "";
    } else if (char === ":") {
      const field = token !== "" ? token : before;
      // `*:*` is match-all, not a search of every field.
      const matchAll = field === "*" && text[i + 1] === "*" && !/[^\s)]/.test(text[i + 2] ?? " ");
      if (!matchAll && field !== "_exists_") refuseInternal(param, field);
      afterExists = field === "_exists_";
      token = "";
      before = "";
    } else if (/\s/.test(char)) {
      if (token !== "") before = token;
      end();
    } else if (/[()[\]{}^~+\-!&|/]/.test(char)) {
      end();
      before = "";
    } else {
      token += char;
    }
  }
  end();
}
