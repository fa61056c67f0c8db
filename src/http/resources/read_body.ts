/**
 * Reads a write request's JSON body once: the content type must be JSON, the body must parse
 * into well-formed Unicode (no lone surrogates, which no store can keep faithfully) and nest at
 * most `MAX_JSON_DEPTH` levels, else a 400 that says which. (Its size and read time are bounded
 * before, by `middleware/request_limits.ts`.)
 */
import { BadRequestError } from "../../errors.ts";
import { bodyText, isJsonType, keptBody } from "../buffered_body.ts";

/**
 * Deepest nesting of objects and arrays accepted in a body. Superdesk documents nest about ten
 * levels; every layer after parsing walks documents recursively, and a body nested 10,000 deep
 * overflowed the stack (a 500).
 */
export const MAX_JSON_DEPTH = 64;

/** The parsed body (an object, or an array for bulk POST). */
export async function readJsonBody(request: Request): Promise<unknown> {
  // Read ahead only when its type was JSON: no header to look at again.
  const kept = keptBody(request);
  if (kept !== undefined) return parseJsonBody(kept);
  checkJsonType(request);
  return parseJsonBody(await bodyText(request));
}

/** 400 unless the request says its body is JSON. */
export function checkJsonType(request: Request): void {
  const type = request.headers.get("content-type") ?? "";
  if (!isJsonType(type)) {
    throw new BadRequestError(
      "Unknown or no Content-Type header supplied (expected application/json)",
    );
  }
}

/** A body's text parsed, with the depth and well-formedness checks above. */
export function parseJsonBody(text: string): unknown {
  assertJsonDepth(text, MAX_JSON_DEPTH);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`Malformed JSON body: ${(error as Error).message}`);
  }
  // UTF-8 decoding cannot yield a lone surrogate, only a \uD800-\uDFFF escape can: look deeper
  // only when the text has one.
  if (SURROGATE_ESCAPE.test(text) && !wellFormed(body)) {
    throw new BadRequestError(
      "Malformed JSON body: a string holds a lone surrogate (an unpaired \\uD800-\\uDFFF escape)",
    );
  }
  return body;
}

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** True when every string (keys included) in `value` is well-formed Unicode. */
function wellFormed(value: unknown): boolean {
  if (typeof value === "string") return value.isWellFormed();
  if (Array.isArray(value)) return value.every(wellFormed);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).every(([key, item]) => key.isWellFormed() && wellFormed(item));
  }
  return true;
}

/** 400 when `text` nests objects and arrays deeper than `max` (strings are skipped). */
export function assertJsonDepth(text: string, max: number): void {
  if (openingsAtMost(text, max)) return;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
    } else if (ch === 34) {
      inString = true;
    } else if (ch === 123 || ch === 91) {
      if (++depth > max) {
        throw new BadRequestError(`The JSON body nests deeper than ${max} levels`);
      }
    } else if (ch === 125 || ch === 93) {
      depth--;
    }
  }
}

/**
 * Whether `text` has at most `max` opening braces and brackets (then it cannot nest deeper):
 * a few native searches instead of the character walk for a typical body.
 */
function openingsAtMost(text: string, max: number): boolean {
  let count = 0;
  for (const opening of ["{", "["]) {
    for (let at = text.indexOf(opening); at >= 0; at = text.indexOf(opening, at + 1)) {
      if (++count > max) return false;
    }
  }
  return true;
}

/** The body as one document; arrays and scalars are refused. */
export function asDocument(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new BadRequestError("The body must be a JSON object");
  }
  return body as Record<string, unknown>;
}
