/**
 * Superdesk's subject codes list (`superdesk/io/subjectcodes.py`): the IPTC Subject NewsCodes
 * with the active items of the `subjectcodes` vocabulary laid over them (an entry adds a local
 * code or renames an IPTC one), as `{qcode, name, parent}` sorted by code, the parent of an IPTC
 * code derived from it when the entry names none (`15065001` → `15065000` → `15000000`).
 */
import type { Doc } from "../storage/document_store.ts";
import { IPTC_SUBJECT_CODES } from "./iptc_subject_codes.ts";

/** The list for the active items of the `subjectcodes` vocabulary. */
export function subjectCodes(items: Doc[]): Doc[] {
  const codes = new Map<string, Doc>();
  const add = (qcode: string, name: unknown, parent?: unknown) =>
    codes.set(qcode, { qcode, name, parent: parent ?? parentCode(qcode) });
  for (const [qcode, name] of IPTC_SUBJECT_CODES) add(qcode, name);
  for (const item of items) {
    if (typeof item.qcode === "string" && item.qcode) add(item.qcode, item.name ?? "", item.parent);
  }
  return [...codes.keys()].sort().map((qcode) => codes.get(qcode)!);
}

/** The parent of an 8-digit IPTC subject code, or null. */
function parentCode(code: string): string | null {
  if (!/^\d{8,9}$/.test(code)) return null;
  if (!code.endsWith("000")) return `${code.slice(0, 5)}000`;
  if (code.slice(2, 5) !== "000") return `${code.slice(0, 2)}000000`;
  return null;
}
