/**
 * Example app: the "Word count limit" macro. Run from the editor (or `POST /api/macros
 * {macro: "word_count_limit", item, commit}`), it cuts a story's body to the newsroom's limit,
 * keeping whole paragraphs while they fit and cutting the paragraph that crosses the limit at a
 * word boundary. The limit is the `WORD_COUNT_LIMIT` setting (default 500 words) and is also
 * published in `client_config` so the editor can warn before anyone runs the macro.
 *
 * Load it with `INSTALLED_APPS=examples/apps/word_count_limit/mod.ts`.
 */
import { defineApp, type Doc, htmlText, wordCount } from "@superdesk/app";

/** The limit when `WORD_COUNT_LIMIT` is not set. */
export const DEFAULT_WORD_LIMIT = 500;

/** `WORD_COUNT_LIMIT`, or the default; anything but a positive integer stops the start. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_WORD_LIMIT;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || limit < 1) {
    throw new Error(`WORD_COUNT_LIMIT must be a positive integer, got "${raw}"`);
  }
  return limit;
}

/** `html` holding at most `limit` words: whole paragraphs first, then a cut one. */
export function limitWords(html: string, limit: number): string {
  const paragraphs = html.match(/<p\b[^>]*>[\s\S]*?<\/p>/gi) ?? [];
  const blocks = paragraphs.join("") === html.trim() ? paragraphs : [html];
  let kept = "";
  let used = 0;
  for (const block of blocks) {
    const count = wordCount(block);
    if (used + count <= limit) {
      kept += block;
      used += count;
      continue;
    }
    const words = htmlText(block).split(/\s+/).filter(Boolean);
    let taken = 0, counted = 0;
    while (taken < words.length && counted < limit - used) {
      if (wordCount(words[taken]) > 0) counted++;
      taken++;
    }
    if (taken > 0) kept += `<p>${escapeText(words.slice(0, taken).join(" "))}</p>`;
    break;
  }
  return kept;
}

function escapeText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

export default defineApp({
  name: "word_count_limit",
  register(app) {
    const limit = parseLimit(app.setting("WORD_COUNT_LIMIT"));
    app.clientConfig({ word_count_limit: limit });
    app.userPreference("word_count_limit:warn", {
      type: "bool",
      enabled: true,
      default: true,
    }, { label: `Warn when a story passes ${limit} words`, category: "editor" });
    app.macros({
      name: "word_count_limit",
      label: "Word count limit",
      description: `Cut the body to ${limit} words`,
      group: "length",
      callback(item: Doc) {
        const body = typeof item.body_html === "string" ? item.body_html : "";
        if (wordCount(body) > limit) item.body_html = limitWords(body, limit);
        return { item };
      },
    });
  },
});
