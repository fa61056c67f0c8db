/**
 * Superdesk's "Extract Html Macro" (superdesk/macros/extract_html.py): reduces a body to plain
 * paragraphs, keeping its links. Every tag but `<a>` goes; paragraphs, line breaks and new lines
 * become paragraph boundaries; blank paragraphs are dropped and the others lose their leading
 * white space (Superdesk's parser drops the blank text between tags). Entities stay as written
 * (Superdesk decodes them into the text, which can leave a bare `<` in the HTML).
 *
 * The body is read as a browser tokenizes it (Superdesk parses it): a tag ends at the first `>`
 * outside its quoted attribute values, a comment at `-->`, so nothing a comment or an attribute
 * held becomes markup; a `<` that starts no tag is written `&lt;`. One pass, linear time.
 */
import type { Macro } from "../../app_api.ts";

/**
 * Elements whose content a browser does not read as markup (or that run it): dropped whole, so
 * a link written inside a `<textarea>` or `<title>` does not become one.
 */
const RAW = new Set([
  "script",
  "style",
  "textarea",
  "title",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
  "noscript",
  "plaintext",
]);

/**
 * The end (exclusive) of the tag starting at `start`: its first `>` outside an attribute value
 * quoted after `=` (a browser's rule; any quote after `=` counts, which at worst drops more);
 * -1 when it does not end.
 */
function tagEnd(html: string, start: number): number {
  let afterEquals = false;
  for (let at = start + 1; at < html.length; at++) {
    const char = html[at]!;
    if (char === ">") return at + 1;
    if ((char === '"' || char === "'") && afterEquals) {
      const close = html.indexOf(char, at + 1);
      if (close < 0) return -1;
      at = close;
      afterEquals = false;
    } else if (char === "=") afterEquals = true;
    else if (!/\s/.test(char)) afterEquals = false;
  }
  return -1;
}

/** Where the raw element `name` whose start tag ends at `from` ends (its closing tag's end). */
function rawEnd(html: string, name: string, from: number): number {
  const close = new RegExp(`</${name}\\b[^>]*>?`, "gi");
  close.lastIndex = from;
  const found = close.exec(html);
  return found ? found.index + found[0].length : html.length;
}

/** `html` as paragraphs of text and links. */
export function extractText(html: string): string {
  const paragraphs = [""];
  let link: string | undefined;
  const text = (piece: string) => {
    if (link !== undefined) return void (link += piece);
    piece.split("\n").forEach((line, at) => {
      if (at > 0) paragraphs.push("");
      paragraphs[paragraphs.length - 1] += line;
    });
  };
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf("<", at);
    if (lt < 0) {
      text(html.slice(at));
      break;
    }
    text(html.slice(at, lt));
    if (html.startsWith("<!--", lt)) {
      const close = html.indexOf("-->", lt + 4);
      const end = close < 0 ? html.length : close + 3;
      if (link !== undefined) link += html.slice(lt, end);
      at = end;
      continue;
    }
    if (!/^<\/?[a-z!?]/i.test(html.slice(lt, lt + 3))) {
      text("&lt;");
      at = lt + 1;
      continue;
    }
    const end = tagEnd(html, lt);
    if (end < 0) break; // an unclosed tag: a browser drops it and all after it
    const tag = html.slice(lt, end);
    const name = /^<(\/?[a-z][^\s/>]*)/i.exec(tag)?.[1]?.toLowerCase();
    if (name !== undefined && RAW.has(name)) {
      at = name === "plaintext" ? html.length : rawEnd(html, name, end);
      continue;
    }
    if (link !== undefined) {
      link += tag;
      if (name === "/a") {
        paragraphs[paragraphs.length - 1] += link;
        link = undefined;
      }
    } else if (name === "a") {
      link = tag;
    } else if (name === "p" || name === "/p" || name === "br") {
      paragraphs.push("");
    }
    at = end;
  }
  if (link !== undefined) paragraphs[paragraphs.length - 1] += `${link}</a>`;
  return paragraphs.map((paragraph) => paragraph.trimStart())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join("");
}

/** Delete from body_html all html tags except links */
export const extractHtml: Macro = {
  name: "Extract Html Macro",
  label: "Extract Html Macro",
  description: "Delete from body_html all html tags except links",
  accessType: "frontend",
  actionType: "direct",
  callback(item) {
    if (typeof item.body_html === "string") item.body_html = extractText(item.body_html);
    return { item };
  },
};
