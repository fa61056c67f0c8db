/**
 * What makes an item a broadcast (Superdesk's `BROADCAST_GENRE` and `is_genre`): the genre
 * "Broadcast Script", which a broadcast takes from the `genre` vocabulary when it is created.
 */
import type { Doc } from "../../storage/document_store.ts";

/** Superdesk's `BROADCAST_GENRE`: the qcode (and name) of the broadcasts' genre. */
export const BROADCAST_GENRE = "Broadcast Script";

/** Whether `item` has the broadcast genre (its qcode, in any case). */
export function isBroadcast(item: Doc): boolean {
  const genres = Array.isArray(item.genre) ? item.genre : [];
  return genres.some((genre) =>
    String(genre?.qcode ?? "").toLowerCase() === BROADCAST_GENRE.toLowerCase()
  );
}

/** Whether `genres` (a save's `genre`) has any genre but the broadcast one. */
export function leavesBroadcastGenre(genres: unknown): boolean {
  if (!Array.isArray(genres) || genres.length === 0) return false;
  return genres.some((genre) =>
    String(genre?.qcode ?? "").toLowerCase() !== BROADCAST_GENRE.toLowerCase()
  );
}
