/**
 * The rules on a vocabulary's `items` (Superdesk's `VocabulariesService._validate_items` and
 * `_check_uniqueness`): fields the vocabulary's `schema` marks required (and its unique field)
 * must be filled, values of `link_vocab` fields must exist in the linked vocabulary, and the
 * unique field's values must differ (ignoring case) among active items. Readers get active
 * items only, without `is_active`, and crop sizes as integers.
 */
import { BadRequestError } from "../errors.ts";
import type { Doc } from "../storage/document_store.ts";

/** Reads a vocabulary by id (raw, inactive items included). */
export type VocabularyLookup = (id: string) => Promise<Doc | null>;

/** Fields cast to integers when read, per vocabulary. */
const CAST_TO_INTEGER: Record<string, readonly string[]> = { crop_sizes: ["width", "height"] };

/** The unique field: explicit, or `qcode` when the schema declares one. */
export function uniqueFieldOf(vocabulary: Doc): string | undefined {
  if (typeof vocabulary.unique_field === "string" && vocabulary.unique_field) {
    return vocabulary.unique_field;
  }
  const schema = asDoc(vocabulary.schema);
  return schema && "qcode" in schema ? "qcode" : undefined;
}

/** Throws a 400 naming the first item that misses a required field or a linked value. */
export async function assertValidItems(vocabulary: Doc, lookup: VocabularyLookup): Promise<void> {
  const schema = asDoc(vocabulary.schema);
  const items = Array.isArray(vocabulary.items) ? vocabulary.items as Doc[] : [];
  if (!schema || items.length === 0) return;
  const uniqueField = uniqueFieldOf(vocabulary);
  const linked = new Map<string, Set<unknown>>();
  for (const [index, item] of items.entries()) {
    for (const [field, rules] of Object.entries(schema)) {
      const rule = asDoc(rules) ?? {};
      if ((rule.required === true || field === uniqueField) && !item?.[field]) {
        throw new BadRequestError(`Required ${field} in item ${index}`, {
          issues: { error: { required_field: 1 }, params: { field, item: index } },
        });
      }
      if (typeof rule.link_vocab !== "string" || typeof rule.link_field !== "string") continue;
      const value = item?.[field];
      if (!value) continue;
      const key = `${rule.link_vocab}\u0000${rule.link_field}`;
      let values = linked.get(key);
      if (!values) {
        const target = await lookup(rule.link_vocab);
        const targetItems = Array.isArray(target?.items) ? target.items as Doc[] : [];
        values = new Set(targetItems.map((entry) => entry?.[rule.link_field as string]));
        linked.set(key, values);
      }
      if (!values.has(value)) {
        throw new BadRequestError(
          `${rule.link_vocab} "${rule.link_field}=${String(value)}" not found`,
          { issues: { error: { required_field: 1, params: { field, item: index } } } },
        );
      }
    }
  }
}

/** Throws a 400 when two active items share a value of `uniqueField` (ignoring case). */
export function assertUniqueValues(items: unknown, uniqueField: string): void {
  if (!Array.isArray(items)) return;
  const seen = new Set<string>();
  for (const item of items as Doc[]) {
    if (!item?.is_active) continue;
    const value = item[uniqueField];
    if (!value) throw new BadRequestError(`${uniqueField} cannot be empty`);
    const key = String(value).toUpperCase();
    if (seen.has(key)) {
      throw new BadRequestError(
        `Value ${String(value)} for field ${uniqueField} is not unique`,
      );
    }
    seen.add(key);
  }
}

/** `vocabulary` as readers get it: active items only, without `is_active`, cast values. */
export function readableVocabulary(vocabulary: Doc): Doc {
  const cast = CAST_TO_INTEGER[String(vocabulary._id)] ?? [];
  const items = Array.isArray(vocabulary.items) ? vocabulary.items as Doc[] : [];
  return {
    ...vocabulary,
    items: items
      .filter((item) => item?.is_active !== false)
      .map((item) => {
        const { is_active: _active, ...rest } = item ?? {};
        for (const field of cast) {
          if (field in rest) rest[field] = toInteger(rest[field]);
        }
        return rest;
      }),
  };
}

/** Active items of `vocabulary` as stored (for checks against a vocabulary). */
export function activeItems(vocabulary: Doc | null): Doc[] {
  const items = Array.isArray(vocabulary?.items) ? vocabulary.items as Doc[] : [];
  return items.filter((item) => item && item.is_active !== false);
}

function toInteger(value: unknown): unknown {
  if (typeof value !== "string" || !/^-?\d+$/.test(value.trim())) return value;
  return Number.parseInt(value, 10);
}

function asDoc(value: unknown): Doc | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Doc
    : undefined;
}
