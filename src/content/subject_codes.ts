/**
 * Superdesk's subject codes list (`superdesk/io/subjectcodes.py`): `{qcode, name, parent}`
 * sorted by code, the parent of an IPTC code derived from it when the entry names none
 * (`15065001` → `15065000` → `15000000`).
 */
import type { Doc } from "../storage/document_store.ts";

/** The list for the active items of the `subjectcodes` vocabulary. */
export function subjectCodes(items: Doc[]): Doc[] {
  return items
    .filter((item) => typeof item.qcode === "string" && item.qcode)
    .map((item) => ({
      qcode: item.qcode,
      name: item.name ?? "",
      parent: item.parent ?? parentCode(String(item.qcode)),
    }))
    .sort((a, b) => String(a.qcode).localeCompare(String(b.qcode)));
}

/** The parent of an 8-digit IPTC subject code, or null. */
export function parentCode(code: string): string | null {
  if (!/^\d{8,9}$/.test(code)) return null;
  if (!code.endsWith("000")) return `${code.slice(0, 5)}000`;
  if (code.slice(2, 5) !== "000") return `${code.slice(0, 2)}000000`;
  return null;
}
