/**
 * Renders a Draft.js content state (what Superdesk's editor keeps in `fields_meta`) as the HTML
 * Superdesk's backend writes (`superdesk/editor_utils.py` with draftjs_exporter): one element per
 * block joined by new lines, lists grouped (and nested by depth), inline styles split into
 * segments each wrapped in its styles in name order, links and annotations, embeds, tables and
 * images. Empty first and last blocks are dropped; an empty paragraph is `<p><br></p>`.
 */
import { escapeHtml, escapeText } from "./html_text.ts";

/** A Draft.js raw content state. */
export interface ContentState {
  blocks?: Block[];
  entityMap?: Record<string, Entity>;
}

interface Block {
  text?: string;
  type?: string;
  depth?: number;
  inlineStyleRanges?: Array<{ offset: number; length: number; style: string }>;
  entityRanges?: Array<{ offset: number; length: number; key: number | string }>;
}

interface Entity {
  type?: string;
  data?: Record<string, unknown>;
}

const BLOCK_TAGS: Record<string, string> = {
  unstyled: "p",
  paragraph: "p",
  "header-one": "h1",
  "header-two": "h2",
  "header-three": "h3",
  "header-four": "h4",
  "header-five": "h5",
  "header-six": "h6",
  blockquote: "blockquote",
};

const STYLE_TAGS: Record<string, string> = {
  BOLD: "b",
  ITALIC: "i",
  UNDERLINE: "u",
  STRIKETHROUGH: "s",
  SUBSCRIPT: "sub",
  SUPERSCRIPT: "sup",
  CODE: "code",
  MARK: "mark",
  KEYBOARD: "kbd",
  QUOTATION: "q",
  SMALL: "small",
  SAMPLE: "samp",
  INSERT: "ins",
  DELETE: "del",
};

const LIST_TAGS: Record<string, string> = {
  "unordered-list-item": "ul",
  "ordered-list-item": "ol",
};

/** The plain text of a state: its blocks' text, one per line. */
export function contentStateText(state: ContentState): string {
  return (state.blocks ?? []).map((block) => block.text ?? "").join("\n").trim();
}

/** The HTML of a state. */
export function contentStateHtml(state: ContentState): string {
  let blocks = [...(state.blocks ?? [])];
  const blank = (block: Block | undefined) =>
    block !== undefined && (block.text ?? "").trim() === "" &&
    (block.entityRanges ?? []).length === 0;
  if (blank(blocks[0])) blocks = blocks.slice(1);
  if (blank(blocks.at(-1))) blocks = blocks.slice(0, -1);
  const entities = state.entityMap ?? {};
  const fragments: string[] = [];
  for (let i = 0; i < blocks.length;) {
    const listTag = LIST_TAGS[blocks[i]!.type ?? ""];
    if (listTag) {
      const start = i;
      while (i < blocks.length && LIST_TAGS[blocks[i]!.type ?? ""] === listTag) i++;
      fragments.push(renderList(blocks.slice(start, i), listTag, entities));
      continue;
    }
    fragments.push(renderBlock(blocks[i]!, entities));
    i++;
  }
  return fragments.filter((fragment) => fragment !== "").join("\n").trim();
}

function renderList(items: Block[], tag: string, entities: Record<string, Entity>): string {
  const base = items[0]?.depth ?? 0;
  let html = `<${tag}>`;
  for (let i = 0; i < items.length;) {
    const item = items[i]!;
    i++;
    const nested: Block[] = [];
    while (i < items.length && (items[i]!.depth ?? 0) > base) nested.push(items[i++]!);
    html += `<li>${inline(item, entities)}`;
    if (nested.length > 0) html += renderList(nested, tag, entities);
    html += "</li>";
  }
  return html + `</${tag}>`;
}

function renderBlock(block: Block, entities: Record<string, Entity>): string {
  const type = block.type ?? "unstyled";
  if (type === "atomic") {
    const range = (block.entityRanges ?? [])[0];
    const entity = range ? entities[String(range.key)] : undefined;
    return entity ? renderAtomic(entity, entities) : "";
  }
  if (type === "code-block") return `<pre><code>${inline(block, entities)}</code></pre>`;
  const tag = BLOCK_TAGS[type] ?? "p";
  const content = inline(block, entities);
  if (tag === "p" && content === "") return "<p><br></p>";
  return `<${tag}>${content}</${tag}>`;
}

/** A block's text with its inline styles and entities. */
function inline(block: Block, entities: Record<string, Entity>): string {
  const text = [...(block.text ?? "").replace(/\p{Cc}/gu, "")];
  const styles = block.inlineStyleRanges ?? [];
  const ranges = block.entityRanges ?? [];
  const cuts = new Set([0, text.length]);
  for (const range of [...styles, ...ranges]) {
    cuts.add(Math.max(0, Math.min(text.length, range.offset)));
    cuts.add(Math.max(0, Math.min(text.length, range.offset + range.length)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  let open: { key: string; html: string } | undefined;
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i]!, points[i + 1]!];
    const names = styles.filter((s) => s.offset <= from && s.offset + s.length >= to)
      .map((s) => s.style).sort();
    let segment = escapeText(text.slice(from, to).join(""));
    for (const name of [...new Set(names)].reverse()) segment = wrapStyle(name, segment);
    const entityRange = ranges.find((r) => r.offset <= from && r.offset + r.length >= to);
    if (open && (!entityRange || String(entityRange.key) !== open.key)) {
      html += renderEntity(entities[open.key], open.html);
      open = undefined;
    }
    if (entityRange) {
      open ??= { key: String(entityRange.key), html: "" };
      open.html += segment;
    } else {
      html += segment;
    }
  }
  if (open) html += renderEntity(entities[open.key], open.html);
  return html;
}

function wrapStyle(style: string, content: string): string {
  const tag = STYLE_TAGS[style];
  if (tag) return `<${tag}>${content}</${tag}>`;
  if (style.startsWith("ANNOTATION")) {
    return `<span annotation-id="${escapeHtml(style.slice(11))}">${content}</span>`;
  }
  return content;
}

function renderEntity(entity: Entity | undefined, children: string): string {
  const data = entity?.data ?? {};
  if (entity?.type === "LINK") {
    if (typeof data.url === "string") return `<a href="${escapeHtml(data.url)}">${children}</a>`;
    const link = (data.link ?? {}) as Record<string, unknown>;
    if (link.attachment) {
      return `<a data-attachment="${escapeHtml(String(link.attachment))}">${children}</a>`;
    }
    const href = escapeHtml(String(link.href ?? ""));
    if (link.target) {
      return `<a href="${href}" target="${escapeHtml(String(link.target))}">${children}</a>`;
    }
    return `<a href="${href}">${children}</a>`;
  }
  return children;
}

function renderAtomic(entity: Entity, entities: Record<string, Entity>): string {
  const data = entity.data ?? {};
  switch (entity.type) {
    case "EMBED": {
      const embed = (data.data ?? {}) as Record<string, unknown>;
      const description = typeof data.description === "string" && data.description
        ? `<p class="embed-block__description">${escapeHtml(data.description)}</p>`
        : "";
      return `<div class="embed-block">${String(embed.html ?? "")}${description}</div>`;
    }
    case "HORIZONTAL_RULE":
      return "<hr>";
    case "IMAGE": {
      const attributes = ["src", "alt", "width", "height"]
        .filter((key) => data[key])
        .map((key) => ` ${key}="${escapeHtml(String(data[key]))}"`).join("");
      return `<img${attributes}>`;
    }
    case "ARTICLE_EMBED":
      return typeof data.html === "string" && data.html
        ? `<div class="article-embed-block">${data.html}</div>`
        : "<p></p>";
    case "MEDIA":
      return renderMedia(data, entities, entity);
    case "TABLE":
    case "MULTI-LINE_QUOTE":
    case "CUSTOM_BLOCK":
      return renderTable((data.data ?? {}) as Record<string, unknown>);
    default:
      return "";
  }
}

function renderMedia(
  data: Record<string, unknown>,
  entities: Record<string, Entity>,
  entity: Entity,
): string {
  const media = (data.media ?? {}) as Record<string, unknown>;
  const renditions = (media.renditions ?? {}) as Record<string, Record<string, unknown>>;
  const rendition = renditions.original ?? renditions.viewImage;
  if (!rendition) return "";
  const href = escapeHtml(String(rendition.href ?? ""));
  const alt = escapeHtml(String(media.alt_text ?? ""));
  const type = String(media.type ?? "picture");
  const kinds: Record<string, [string, string]> = {
    picture: ["Image", `<img src="${href}" alt="${alt}">`],
    video: [
      "Video",
      `<video controls src="${href}" alt="${alt}" width="100%" height="100%"></video>`,
    ],
    audio: [
      "Audio",
      `<audio controls src="${href}" alt="${alt}" width="100%" height="100%"></audio>`,
    ],
  };
  const kind = kinds[type];
  if (!kind) return "";
  const key = Object.entries(entities).find(([, value]) => value === entity)?.[0] ?? "0";
  const caption = typeof media.description_text === "string" && media.description_text
    ? `<figcaption>${escapeHtml(media.description_text)}</figcaption>`
    : "";
  return `<!-- EMBED START ${kind[0]} {id: "editor_${key}"} -->\n<figure>${
    kind[1]
  }${caption}</figure>\n` +
    `<!-- EMBED END ${kind[0]} {id: "editor_${key}"} -->`;
}

/** More cells than a table in an article has; a larger size is refused rather than rendered. */
const MAX_TABLE_CELLS = 100_000;

function renderTable(data: Record<string, unknown>): string {
  const cols = Number(data.numCols ?? 0);
  const rows = Number(data.numRows ?? 0);
  if (!(cols * rows <= MAX_TABLE_CELLS)) throw new RangeError(`A table of ${rows}x${cols} cells`);
  const withHeader = data.withHeader === true;
  const cells = (data.cells ?? {}) as Record<string, Record<string, ContentState>>;
  const cell = (row: number, col: number) => {
    const state = cells[row]?.[col];
    return state ? contentStateHtml(state).replace(/\n/g, "") : "";
  };
  let html = "<table>";
  if (withHeader) {
    html += "<thead><tr>";
    for (let col = 0; col < cols; col++) html += `<th>${cell(0, col)}</th>`;
    html += "</tr></thead>";
  }
  if (!withHeader || rows > 1) {
    html += "<tbody>";
    for (let row = withHeader ? 1 : 0; row < rows; row++) {
      html += "<tr>";
      for (let col = 0; col < cols; col++) html += `<td>${cell(row, col)}</td>`;
      html += "</tr>";
    }
    html += "</tbody>";
  }
  return html + "</table>";
}
