/**
 * Superdesk's subject codes list (`superdesk/io/subjectcodes.py`): the IPTC Subject NewsCodes
 * with the active items of the `subjectcodes` vocabulary laid over them (an entry adds a local
 * code or renames an IPTC one), as `{qcode, name, parent}` sorted by code, the parent of an IPTC
 * code derived from it when the entry names none (`15065001` → `15065000` → `15000000`).
 */
import type { Doc } from "../storage/document_store.ts";
import { IPTC_SUBJECT_CODES } from "./iptc_subject_codes.ts";

/** The IPTC entries alone, sorted by code: built on first use, shared (frozen) afterwards. */
let iptcEntries: readonly Doc[] | undefined;

/**
 * The list for the active items of the `subjectcodes` vocabulary: without local entries (the
 * seeded vocabulary is empty) the IPTC entries as built once.
 */
export function subjectCodes(items: Doc[]): Doc[] {
  iptcEntries ??= [...IPTC_SUBJECT_CODES].map(([qcode, name]) => entry(qcode, name));
  const local = items.filter((item) => typeof item.qcode === "string" && item.qcode);
  if (!local.length) return [...iptcEntries];
  const codes = new Map(iptcEntries.map((doc) => [doc.qcode as string, doc]));
  for (const item of local) {
    codes.set(item.qcode as string, entry(item.qcode as string, item.name ?? "", item.parent));
  }
  return [...codes.keys()].sort().map((qcode) => codes.get(qcode)!);
}

function entry(qcode: string, name: unknown, parent?: unknown): Doc {
  return Object.freeze({ qcode, name, parent: parent ?? parentCode(qcode) });
}

/** The parent of an 8-digit IPTC subject code, or null. */
function parentCode(code: string): string | null {
  if (!/^\d{8,9}$/.test(code)) return null;
  if (!code.endsWith("000")) return `${code.slice(0, 5)}000`;
  if (code.slice(2, 5) !== "000") return `${code.slice(0, 2)}000000`;
  return null;
}
