/**
 * The ingest test fixture: the newsroom fixture (`newsroomTest`: embedded default and real
 * engines) plus a chief editor holding the ingest privileges, a feed server of the test's own,
 * and helpers to create providers over HTTP and run one poll in-process as the ingest worker does
 * (routed publishing and macros; Superdesk's behave step "we run update_ingest command").
 */
import assert from "node:assert/strict";
import { pollProvider, type PollResult } from "../../src/ingest/poll_provider.ts";
import { pollDeps } from "../../src/ingest/ingest_tasks.ts";
import { publishRouted } from "../../src/publish/publish_routed.ts";
import {
  body,
  type Json,
  type Member,
  type Newsroom,
  newsroomTest,
  signIn,
} from "../newsroom/_newsroom.ts";
import { type FeedServer, startFeedServer } from "./_feed_server.ts";

/** Everything the chief editor may do in ingest. */
export const CHIEF = {
  archive: 1,
  desks: 1,
  ingest_providers: 1,
  fetch: 1,
  duplicate: 1,
  routing_rules: 1,
  rule_sets: 1,
  content_filters: 1,
  use_global_saved_searches: 1,
} as const;

/** A content expiry (minutes) that keeps the dated sample files from expiring on arrival. */
export const LONG_EXPIRY = 10 * 365 * 24 * 60;

/** What each ingest case receives. */
export interface IngestRoom extends Newsroom {
  chief: Member;
  feeds: FeedServer;
  /** Creates a provider over HTTP (201 asserted) and returns it as read back. */
  provider(fields: Json): Promise<Json>;
  /** Runs one poll of `providerId` in-process (`now`: the poller's clock). */
  poll(providerId: string, options?: { now?: () => Date }): Promise<PollResult>;
  /** GET `path` as the chief, 200 asserted. */
  get(path: string): Promise<Json>;
}

/** Registers `fn` on the embedded default and on the real engines (`env`: extra settings). */
export function ingestTest(
  title: string,
  fn: (room: IngestRoom) => Promise<void>,
  { env }: { env?: Record<string, string> } = {},
): void {
  newsroomTest(title, async (newsroom) => {
    const chief = await signIn(newsroom.app, "chief", CHIEF);
    const desks = newsroom.app.platform.registry.service("desks");
    await desks.update(newsroom.desk._id, {
      members: [...newsroom.desk.members, { user: chief.userId }],
    });
    const feeds = startFeedServer();
    const get = async (path: string) => await body(await chief.get(path));
    try {
      await fn({
        ...newsroom,
        chief,
        feeds,
        get,
        async provider(fields) {
          const created = await body(
            await chief.post("/api/ingest_providers", { content_expiry: LONG_EXPIRY, ...fields }),
            201,
          );
          return await get(`/api/ingest_providers/${created._id}`);
        },
        poll: (providerId, options) =>
          pollProvider(
            pollDeps(newsroom.app.platform.services, {
              publish: publishRouted,
              macros: newsroom.app.platform.apps.macros,
            }),
            providerId,
            options,
          ),
      });
    } finally {
      await feeds.close();
    }
  }, { env });
}

/** The items of a list answer. */
export function items(list: Json): Json[] {
  assert.ok(Array.isArray(list._items), JSON.stringify(list));
  return list._items;
}

/** Creates the manageable vocabulary `_id` with `items` (an ingest step's lookup table). */
export async function manageableVocabulary(
  room: IngestRoom,
  _id: string,
  display_name: string,
  items: Json[],
): Promise<void> {
  await room.app.platform.registry.service("vocabularies").create([{
    _id,
    display_name,
    type: "manageable",
    items,
  }]);
}
