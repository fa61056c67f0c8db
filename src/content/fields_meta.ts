/**
 * Item fields written from the editor's state (Superdesk's `editor_utils.generate_fields`):
 * for each field with a Draft.js state in `fields_meta` (`extra>name` for custom fields) whose
 * value the write does not carry, the value is rendered from the state: HTML for rich fields,
 * plain text for `headline`, `slugline` and single-line custom fields. A value the client sent
 * wins, as in Superdesk. On an update, a custom field joins the stored `extra` values (a PATCH
 * replaces `extra` whole), so the other custom fields are kept (Superdesk's SDFID-641). `force`
 * renders every field with a state, over the values the item has (Superdesk's `force=True`).
 */
import { BadRequestError } from "../errors.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";
import { type ContentState, contentStateHtml, contentStateText } from "./draftjs_html.ts";

/** Core fields kept as plain text. */
const TEXT_FIELDS = new Set(["headline", "slugline"]);

/**
 * Fills the missing values of `item`'s editor fields (in place); for an update, `original` is
 * the stored item; `singleLine` names the custom fields kept as plain text.
 */
export function generateFields(
  item: Doc,
  { singleLine = new Set<string>(), original, force = false }: {
    singleLine?: ReadonlySet<string>;
    original?: Doc;
    force?: boolean;
  } = {},
): void {
  const meta = item.fields_meta;
  if (!meta || typeof meta !== "object" || Array.isArray(meta)) return;
  for (const [field, entry] of Object.entries(meta as Doc)) {
    const state = stateOf(entry);
    if (!state) continue;
    const custom = field.startsWith("extra>") ? field.slice("extra>".length) : undefined;
    const target: Doc = custom === undefined ? item : extraOf(item, original);
    const key = custom ?? field;
    if (!force && target[key] !== undefined && target[key] !== null) continue;
    const plain = custom === undefined ? TEXT_FIELDS.has(field) : singleLine.has(custom);
    target[key] = render(field, state, plain);
  }
}

/** A state the client sent that cannot be rendered (not Draft.js's shape) is a 400, not a 500. */
function render(field: string, state: ContentState, plain: boolean): string {
  try {
    return plain ? contentStateText(state) : contentStateHtml(state);
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
    throw new BadRequestError(`Cannot render field "${field}" from its editor state`, {
      issues: { fields_meta: { [field]: "malformed editor state" } },
    });
  }
}

function stateOf(entry: unknown): ContentState | undefined {
  const states = (entry as Doc | null)?.draftjsState;
  const state = Array.isArray(states) ? states[0] : undefined;
  return state && typeof state === "object" && Array.isArray((state as Doc).blocks)
    ? state as ContentState
    : undefined;
}

function extraOf(item: Doc, original?: Doc): Doc {
  if (!isDoc(item.extra)) item.extra = isDoc(original?.extra) ? { ...original.extra } : {};
  return item.extra as Doc;
}
