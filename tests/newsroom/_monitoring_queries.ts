/**
 * The queries the Superdesk web client's monitoring view sends, built the way its card criteria
 * are (superdesk-client-core `CardsService.getCriteria` and `SearchService.Query`: legacy
 * `filtered`/`and`/`not` filters, newest first, a page of 25), for tests of ours to replay.
 */

/** The list fields a monitoring card asks for (`projections`). */
export const CARD_PROJECTIONS = [
  "_created",
  "_updated",
  "_etag",
  "_type",
  "_current_version",
  "guid",
  "type",
  "state",
  "task",
  "headline",
  "slugline",
  "urgency",
  "priority",
  "word_count",
  "versioncreated",
  "lock_user",
  "lock_session",
  "lock_action",
  "profile",
  "language",
];

/** The Elasticsearch body of a stage card for `userId` (spiked and others' personal items out). */
export function stageCardSource(stageId: string, userId: string): Record<string, unknown> {
  return {
    query: {
      filtered: {
        filter: {
          and: [
            { not: { term: { state: "spiked" } } },
            {
              not: {
                and: [
                  { not: { exists: { field: "task.desk" } } },
                  { exists: { field: "task.user" } },
                  { not: { term: { "task.user": userId } } },
                ],
              },
            },
            { not: { term: { package_type: "takes" } } },
            { term: { "task.stage": stageId } },
          ],
        },
      },
    },
    sort: [{ _updated: "desc" }],
    from: 0,
    size: 25,
  };
}

/** `GET /api/archive?source=…&projections=…&es_highlight=0` for a stage card. */
export function stageCardUrl(stageId: string, userId: string): string {
  const params = new URLSearchParams({
    source: JSON.stringify(stageCardSource(stageId, userId)),
    projections: JSON.stringify(CARD_PROJECTIONS),
    es_highlight: "0",
  });
  return `/api/archive?${params}`;
}

/** The desk output card's federated search over `archive,published` for `deskId`. */
export function deskOutputUrl(deskId: string): string {
  const source = {
    query: {
      filtered: {
        filter: {
          and: [
            { not: { term: { state: "spiked" } } },
            { term: { "task.desk": deskId } },
            { terms: { state: ["scheduled", "published", "corrected", "killed", "recalled"] } },
            { not: { term: { state: "unpublished" } } },
          ],
        },
      },
    },
    sort: [{ _updated: "desc" }],
    from: 0,
    size: 25,
  };
  const params = new URLSearchParams({
    source: JSON.stringify(source),
    repo: "archive,published",
    projections: JSON.stringify(CARD_PROJECTIONS),
  });
  return `/api/search?${params}`;
}
