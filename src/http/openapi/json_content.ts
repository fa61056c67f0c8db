/** An OpenAPI request body's or response's `content` of one JSON schema. */
export function jsonContent(schema: unknown) {
  return { content: { "application/json": { schema } } };
}
