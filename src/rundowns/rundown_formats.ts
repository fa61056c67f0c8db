/**
 * The rundown exports (Superdesk's `apps/rundowns/formatters`): the prompter's script as a PDF
 * (each item's technical title, then its text), and the technical table (order, type, technical
 * title, the technical info of each subitem type used, duration) as CSV or PDF. Subitem types
 * come from the `rundown_subitem_types` vocabulary, type names from `rundown_item_types`.
 */
import { htmlText } from "../text/html_text.ts";
import type { Doc } from "../storage/document_store.ts";
import { A4, plainPdf } from "./plain_pdf.ts";
import { technicalTitle } from "./technical_title.ts";

/** A format's id and name, as `GET /api/rundown_export` lists them. */
export const RUNDOWN_FORMATS = [
  { _id: "prompter-pdf", name: "Prompter PDF" },
  { _id: "table-csv", name: "Technical CSV" },
  { _id: "table-pdf", name: "Technical PDF" },
] as const;

/** What an export needs. */
export interface ExportInput {
  show: Doc;
  rundown: Doc;
  /** The rundown's items in order. */
  items: Doc[];
  typeName: (qcode: string) => string;
  /** The `rundown_subitem_types` vocabulary's active items. */
  subitemTypes: Doc[];
}

/** The file of `format`: bytes, media type and file name (before `safeFilename`). */
export function exportRundown(
  format: string,
  input: ExportInput,
): { body: Uint8Array<ArrayBuffer>; type: string; filename: string } {
  const title = String(input.rundown.title ?? "");
  if (format === "table-csv") {
    const csv = table(input).map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
    return {
      body: new TextEncoder().encode(csv),
      type: "text/csv; charset=utf-8",
      filename: `Technical-${title}.csv`,
    };
  }
  if (format === "table-pdf") {
    const lines = table(input).map((row) => row.join(" | "));
    return {
      body: plainPdf(lines, { title, size: { width: A4.height, height: A4.width } }),
      type: "application/pdf",
      filename: `Technical-${title}.pdf`,
    };
  }
  const lines = input.items.flatMap((item) => [
    technicalTitle(item, { show: input.show, typeName: input.typeName }),
    ...scriptLines(item),
    "",
    "",
  ]);
  return {
    body: plainPdf(lines, { title }),
    type: "application/pdf",
    filename: `Prompter-${title}.pdf`,
  };
}

/** An item's script: its editor blocks' text, else its HTML's text by paragraph. */
function scriptLines(item: Doc): string[] {
  const state = ((item.fields_meta as Doc | undefined)?.content as Doc | undefined)
    ?.draftjsState as Doc[] | undefined;
  const blocks = Array.isArray(state) ? state[0]?.blocks : undefined;
  if (Array.isArray(blocks)) {
    return blocks.map((block) => String((block as Doc).text ?? "")).filter(Boolean);
  }
  if (typeof item.content !== "string") return [];
  return item.content.split(/<\/p>|<br\s*\/?>/i).map((part) => htmlText(part).trim()).filter(
    Boolean,
  );
}

/** Superdesk's `table_columns` and `item_table_data`. */
function table({ show, items, typeName, subitemTypes }: ExportInput): string[][] {
  const used = subitemTypes.filter((type) =>
    items.some((item) => subitemsOf(item).some((sub) => sub.qcode === type.qcode))
  );
  const rows = [[
    "Order",
    "Type",
    "Technical Title",
    ...used.map((t) => String(t.name)),
    "Duration",
  ]];
  items.forEach((item, index) => {
    const row = [
      String(index + 1),
      item.item_type ? typeName(String(item.item_type)).toUpperCase() : "",
      technicalTitle(item, { show, typeName }),
    ];
    for (const type of used) {
      const sub = subitemsOf(item).find((s) => s.qcode === type.qcode);
      row.push(sub ? String(sub.technical_info ?? "") : "");
      if (sub?.qcode === "PRLG") row[1] += "-PRLG";
    }
    row.push(duration(item.duration));
    rows.push(row);
  });
  return rows;
}

function subitemsOf(item: Doc): Doc[] {
  return Array.isArray(item.subitems) ? item.subitems as Doc[] : [];
}

/** `HH:MM:SS` of seconds; empty for none. */
function duration(seconds: unknown): string {
  if (typeof seconds !== "number" || !seconds) return "";
  return new Date(Math.trunc(seconds) * 1000).toISOString().slice(11, 19);
}

/** Python's `csv` quoting: quoted when it holds a comma, quote or line break. */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** werkzeug's `secure_filename`: ASCII letters, digits, `_`, `.` and `-`, spaces as `_`. */
export function safeFilename(name: string): string {
  const ascii = name.normalize("NFKD").replace(/[^\p{ASCII}]/gu, "").replaceAll("/", " ");
  return ascii.split(/\s+/).filter(Boolean).join("_").replace(/[^A-Za-z0-9_.-]/g, "")
    .replace(/^[._]+|[._]+$/g, "");
}
