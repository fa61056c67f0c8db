/**
 * Reads a write request's JSON body once: the content type must be JSON and the body must
 * parse, else a 400 that says which.
 */
import { BadRequestError } from "../../errors.ts";

/** The parsed body (an object, or an array for bulk POST). */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new BadRequestError(
      "Unknown or no Content-Type header supplied (expected application/json)",
    );
  }
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`Malformed JSON body: ${(error as Error).message}`);
  }
}

/** The body as one document; arrays and scalars are refused. */
export function asDocument(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new BadRequestError("The body must be a JSON object");
  }
  return body as Record<string, unknown>;
}
