/**
 * The four benchmarked operations as load-generator steps, over HTTP (our API, Eve and the raw
 * HTTP server share the URLs) or directly on a raw driver. GET item reads a random seeded id;
 * GET list asks for 25; POST creates one `post` document; PATCH loop `i` updates its own seeded
 * item (spread over the collection), starting from an untimed GET of its etag and then using the
 * `_etag` of each response, so no PATCH is refused with 412.
 */
import { BENCH_RESOURCE, benchDocument } from "./_bench_module.ts";
import type { StepFactory } from "./load.ts";
import type { RawStore } from "./_raw_store.ts";

/** The operations, in the order the benchmark runs them. */
export const OPERATIONS = ["GET item", "GET list", "POST", "PATCH"] as const;
export type Operation = typeof OPERATIONS[number];

/** Where an HTTP target serves `bench_items`, and how to authenticate. */
export interface HttpEndpoint {
  /** e.g. `http://127.0.0.1:8000/api/bench_items` */
  collectionUrl: string;
  headers: Record<string, string>;
  /** Seeded document ids. */
  ids: readonly string[];
}

function pick(ids: readonly string[]): string {
  return ids[Math.floor(Math.random() * ids.length)]!;
}

/**
 * The document PATCH loop `index` owns: spread over the collection (a stride coprime with the
 * count; distinct for up to `ids.length - 1` loops), as GET item's random ids are. The first
 * documents inserted would favour whoever scans from the start of the table and stops at the
 * match (FerretDB's SQLite backend does, for `_id` and for Eve's `{_id, _etag}` updates alike).
 */
function patchedId(ids: readonly string[], index: number): string {
  let stride = 7919;
  while (gcd(stride, ids.length) !== 1) stride += 2;
  return ids[((index + 1) * stride) % ids.length]!;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The step factory of `operation` against an HTTP endpoint. */
export function httpSteps(operation: Operation, endpoint: HttpEndpoint): StepFactory {
  const { collectionUrl, headers, ids } = endpoint;
  let posted = 0;
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, headers: { ...headers, ...init.headers } });
    const body = await response.text();
    return { ok: response.ok, body };
  };
  const json = { "Content-Type": "application/json" };
  switch (operation) {
    case "GET item":
      return () => Promise.resolve(async () => (await send(`${collectionUrl}/${pick(ids)}`)).ok);
    case "GET list":
      return () => Promise.resolve(async () => (await send(`${collectionUrl}?max_results=25`)).ok);
    case "POST":
      return () =>
        Promise.resolve(async () =>
          (await send(collectionUrl, {
            method: "POST",
            headers: json,
            body: JSON.stringify(benchDocument("post", posted++)),
          })).ok
        );
    case "PATCH":
      return async (index) => {
        const id = patchedId(ids, index);
        const first = await send(`${collectionUrl}/${id}`);
        let etag = String(JSON.parse(first.body)._etag);
        let n = 0;
        return async () => {
          const { ok, body } = await send(`${collectionUrl}/${id}`, {
            method: "PATCH",
            headers: { ...json, "If-Match": `"${etag}"` },
            body: JSON.stringify({ name: `Patched ${index}-${n}`, age: n++ % 90 }),
          });
          if (ok) etag = String(JSON.parse(body)._etag);
          return ok;
        };
      };
  }
}

/** The step factory of `operation` done in-process on a raw driver (no HTTP). */
export function driverSteps(operation: Operation, store: RawStore, ids: readonly string[]) {
  let posted = 0;
  const factory: StepFactory = async (index) => {
    switch (operation) {
      case "GET item":
        return async () => (await store.get(pick(ids))) !== null;
      case "GET list":
        return async () => (await store.list(25)).items.length > 0;
      case "POST":
        return async () => Boolean((await store.create(benchDocument("post", posted++)))._id);
      case "PATCH": {
        const id = patchedId(ids, index);
        let etag = String((await store.get(id))?._etag);
        let n = 0;
        return async () => {
          const doc = await store.patch(id, etag, { name: `Patched ${index}-${n}`, age: n++ % 90 });
          if (doc) etag = String(doc._etag);
          return doc !== null;
        };
      }
    }
  };
  return factory;
}

/** The URL of `bench_items` under `/api` at `origin`. */
export function collectionUrl(origin: string): string {
  return `${origin}/api/${BENCH_RESOURCE}`;
}
