/**
 * Combines a resource's datasource projection with a client's `projection` as Eve does: meta
 * fields are always returned; an inclusive server projection cannot be widened by clients; an
 * exclusive one only hides fields by default.
 */
import type { Projection } from "../storage/document_store.ts";

const META = ["_id", "_etag", "_updated", "_created", "_current_version", "_deleted"];

/** The projection to send to the store, or undefined for whole documents. */
export function effectiveProjection(
  server: Projection | undefined,
  client: Projection | undefined,
): Projection | undefined {
  const serverInclusive = server && Object.values(server).some((flag) => flag === 1);
  const clientInclusive = client && Object.values(client).some((flag) => flag === 1);
  if (clientInclusive) {
    const fields = Object.keys(client!).filter((field) => client![field] === 1);
    const allowed = serverInclusive
      ? fields.filter((field) => server![field] === 1 || META.includes(field))
      : fields;
    return withMeta(allowed);
  }
  if (serverInclusive) {
    const hidden = new Set(Object.keys(client ?? {}).filter((field) => !META.includes(field)));
    return withMeta(Object.keys(server!).filter((field) => !hidden.has(field)));
  }
  const excluded = { ...(server ?? {}), ...(client ?? {}) };
  for (const field of META) delete excluded[field];
  return Object.keys(excluded).length > 0 ? excluded : undefined;
}

function withMeta(fields: string[]): Projection {
  const projection: Projection = {};
  for (const field of [...fields, ...META]) projection[field] = 1;
  return projection;
}
