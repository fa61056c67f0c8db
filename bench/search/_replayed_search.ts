/**
 * A search index answering every search with one recorded Elasticsearch answer, parsed anew each
 * time as the real exchange parses it: what is left to time is our code around the search. An
 * index with `searchWire` (each hit's stored answer text) replays `wireAnswer`, the answer to the
 * same search asking those texts, there.
 * Not a test.
 */
import type { SearchHit } from "../../src/search/search_index.ts";

/**
 * `search` with its `search` replaced by replays of `answer` (hits of `resource`), and its
 * `searchWire`, if it has one, by replays of `wireAnswer`.
 */
export function replayedSearch<T extends object>(
  search: T,
  answer: Uint8Array,
  resource: string,
  wireAnswer?: Uint8Array,
): T {
  const decoder = new TextDecoder();
  const wire = "searchWire" in search && wireAnswer
    ? {
      searchWire: () => {
        const { hits } = JSON.parse(decoder.decode(wireAnswer));
        return Promise.resolve({
          total: hits.total,
          hits: hits.hits.map((hit: { _id: string; fields: { _wire: string[] } }) => ({
            _id: hit._id,
            _resource: resource,
            wire: hit.fields._wire[0],
          })),
        });
      },
    }
    : {};
  return {
    ...search,
    ...wire,
    search: () => {
      const { hits } = JSON.parse(decoder.decode(answer));
      return Promise.resolve({
        total: hits.total,
        hits: hits.hits.map((hit: { _id: string; _source: Record<string, unknown> }) => {
          const { _resource: _, ...source } = hit._source;
          source._id = hit._id;
          return { _id: hit._id, _resource: resource, _source: source } as SearchHit;
        }),
      });
    },
  };
}
