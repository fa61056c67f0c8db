/**
 * Creating a broadcast of a story (Superdesk's `ArchiveBroadcastService.create`,
 * `POST /api/archive/<id>/broadcast`): a new item, a draft on the desk asked for (its working
 * stage) or in the user's personal space, with the genre "Broadcast Script" from the `genre`
 * vocabulary, the story's family, and its type, profile, slugline, dateline, subjects, category,
 * places, urgency and priority. `broadcast.master_id` names the story. Only a published or
 * corrected text or preformatted story has broadcasts.
 */
import { BadRequestError, NotFoundError, ValidationError } from "../../errors.ts";
import type { Actor } from "../../resources/actor.ts";
import type { Doc } from "../../storage/document_store.ts";
import type { ArchiveService } from "../../newsroom/archive_service.ts";
import { BROADCAST_GENRE } from "./broadcast_genre.ts";

/** Fields a broadcast takes from its story (Superdesk's `FIELDS_TO_COPY`). */
const FIELDS_TO_COPY = [
  "urgency",
  "priority",
  "anpa_category",
  "type",
  "profile",
  "subject",
  "dateline",
  "slugline",
  "place",
];

/** Creates a broadcast of story `masterId` from `body` (`desk`, item fields); returns it. */
export async function createBroadcast(
  archive: ArchiveService,
  masterId: string,
  { actor, body }: { actor: Actor; body: Doc },
): Promise<Doc> {
  const { desk: deskId, ...doc } = body;
  const desks = archive.registry.service("desks");
  const desk = typeof deskId === "string" && deskId ? await desks.findOne({ _id: deskId }) : null;
  if (deskId && !desk) {
    // Eve's check of the `desk` relation, before the story is looked for.
    throw new ValidationError({
      desk: `value '${deskId}' must exist in resource 'desks', field '_id'.`,
    });
  }
  const master = await archive.findOne({ _id: masterId }, actor);
  assertBroadcastable(master);
  doc.task = desk
    ? { desk: desk._id, stage: desk.working_stage, user: actor.userId }
    : { user: actor.userId };
  doc.genre = await broadcastGenre(archive);
  doc.broadcast = { status: "", master_id: masterId, rewrite_id: master.rewritten_by ?? null };
  doc.family_id = master.family_id;
  const copied = new Set<string>();
  for (const field of FIELDS_TO_COPY) {
    // As the client sends them (dates as ISO text). Not checked against the vocabularies again:
    // they are the story's as stored (Superdesk's service `post` validates nothing).
    if (master[field] !== undefined) {
      doc[field] = JSON.parse(JSON.stringify(master[field]));
      copied.add(field);
    }
  }
  const [created] = await archive.create([doc], actor, { copied });
  return created!;
}

/** Superdesk's `_valid_broadcast_item`: a published or corrected text or preformatted story. */
function assertBroadcastable(master: Doc | null): asserts master is Doc {
  if (!master) throw new NotFoundError("Cannot find the requested item id.");
  if (master.type !== "text" && master.type !== "preformatted") {
    throw new BadRequestError("Invalid content type.");
  }
  if (master.state !== "published" && master.state !== "corrected") {
    throw new BadRequestError("Invalid content state.");
  }
}

/** The active "Broadcast Script" entry of the `genre` vocabulary, as a genre list. */
async function broadcastGenre(archive: ArchiveService): Promise<Doc[]> {
  const vocabulary = await archive.registry.service("vocabularies").findOne({ _id: "genre" });
  const items = Array.isArray(vocabulary?.items) ? vocabulary.items as Doc[] : [];
  const genre = items
    .filter((item) => item.qcode === BROADCAST_GENRE && item.is_active)
    .map((item) => ({ qcode: item.qcode, name: item.name }));
  if (genre.length === 0) throw new BadRequestError(`Cannot find the ${BROADCAST_GENRE} genre.`);
  return genre;
}
