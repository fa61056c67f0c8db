/**
 * Feed files over HTTP, the shared set-up of the ingest tests that read a sample agency file
 * through a provider: the fixture is served by the room's own feed server at `/<file>`, a provider
 * (the `http` service unless the fields name another) is created with that URL in `config.url`,
 * and `ingestFeedFile` polls it once.
 */
import type { PollResult } from "../../src/ingest/poll_provider.ts";
import type { Json } from "../newsroom/_newsroom.ts";
import type { FeedDocument } from "./_feed_server.ts";
import { fixture } from "./_fixtures.ts";
import type { IngestRoom } from "./_ingest_room.ts";

/** How a fixture is served: its headers (the body is the file). */
export type ServedAs = Omit<FeedDocument, "body">;

/** Serves fixture `file` and answers a provider created (201 asserted) to read it. */
export async function feedFileProvider(
  room: IngestRoom,
  file: string,
  fields: Json,
  served: ServedAs = {},
): Promise<Json> {
  room.feeds.set(`/${file}`, { ...served, body: fixture(file) });
  return await room.provider({
    name: file,
    source: "agency",
    feeding_service: "http",
    ...fields,
    config: { ...fields.config, url: `${room.feeds.url}/${file}` },
  });
}

/** Serves fixture `file` to a new provider, polls it once and answers both. */
export async function ingestFeedFile(
  room: IngestRoom,
  file: string,
  fields: Json,
  served: ServedAs = {},
): Promise<{ provider: Json; result: PollResult }> {
  const provider = await feedFileProvider(room, file, fields, served);
  return { provider, result: await room.poll(provider._id) };
}
