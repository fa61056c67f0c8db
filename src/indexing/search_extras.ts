/**
 * What `aggregations=1` and `es_highlight=1` add to an `/api/search` body, as Superdesk does:
 * its common aggregations (`superdesk/metadata/utils.py`) and highlights of its four text fields,
 * limited to fields the searched resources map so the embedded index can answer too.
 */
import { escapedHighlight, htmlHighlight } from "../search/analysis/html_highlight.ts";
import { type IndexMapping, leafFields, textFields } from "../search/mapping.ts";

/** Superdesk's common aggregations: name → terms field and size. */
const AGGREGATIONS: Record<string, { field: string; size: number }> = {
  type: { field: "type", size: 10 },
  desk: { field: "task.desk", size: 40 },
  category: { field: "anpa_category.name", size: 40 },
  source: { field: "source", size: 40 },
  urgency: { field: "urgency", size: 10 },
  priority: { field: "priority", size: 10 },
  legal: { field: "flags.marked_for_legal", size: 10 },
  sms: { field: "flags.marked_for_sms", size: 10 },
  genre: { field: "genre.name", size: 40 },
};

/** Superdesk's highlighted fields (`es_highlight=1`). */
const HIGHLIGHT_FIELDS = ["body_html", "headline", "slugline", "abstract"];

/** The common aggregations over fields some mapping holds as exact values. */
export function commonAggregations(mappings: IndexMapping[]): Record<string, unknown> {
  const exact = new Set(
    mappings.flatMap((m) =>
      [...leafFields(m)].filter(([, l]) => l.type !== "text").map(([p]) => p)
    ),
  );
  return Object.fromEntries(
    Object.entries(AGGREGATIONS)
      .filter(([, agg]) => exact.has(agg.field))
      .map(([name, agg]) => [name, { terms: { field: agg.field, size: agg.size } }]),
  );
}

/** Highlights on Superdesk's fields, or on every text field when none of those is mapped. */
export function highlightSpec(mappings: IndexMapping[]): Record<string, unknown> {
  const text = [...new Set(mappings.flatMap(textFields))];
  const preferred = HIGHLIGHT_FIELDS.filter((field) => text.includes(field));
  const fields = preferred.length ? preferred : text;
  return {
    pre_tags: ['<span class="es-highlight">'],
    post_tags: ["</span>"],
    fields: Object.fromEntries(fields.map((field) => [field, { number_of_fragments: 0 }])),
  };
}

/**
 * A hit's `highlight` with the fields whose stored HTML the index copy kept aside (`originals`)
 * highlighted in that HTML, as Elasticsearch's `html_strip` does (or, when the marks cannot be
 * placed, the highlighted text escaped); `spec` is the body's highlight.
 */
export function highlightOnOriginals(
  highlight: Record<string, unknown>,
  originals: Record<string, unknown>,
  spec: unknown,
): Record<string, unknown> {
  const tags = (spec ?? {}) as { pre_tags?: string[]; post_tags?: string[] };
  const pre = tags.pre_tags?.[0] ?? "<em>";
  const post = tags.post_tags?.[0] ?? "</em>";
  const out = { ...highlight };
  for (const [field, fragments] of Object.entries(highlight)) {
    const html = originals[field];
    if (typeof html !== "string" || !Array.isArray(fragments)) continue;
    out[field] = fragments.map((fragment) =>
      typeof fragment === "string"
        // Not placed: its text (decoded references) must not become markup.
        ? htmlHighlight(html, fragment, pre, post) ?? escapedHighlight(fragment, pre, post)
        : fragment
    );
  }
  return out;
}
