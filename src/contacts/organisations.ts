/**
 * The organisation search (Superdesk's `OrganisationService`): the contacts whose organisation
 * has a word starting with each word of `q` (all of them), one per organisation name (the first
 * found), inactive contacts included; the client's organisation field completes from it.
 */
import type { Actor } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import type { ContactsService } from "./contacts_service.ts";

/** Characters with a meaning in a `query_string`, escaped in the words of `q`. */
const SPECIAL = /[+\-=&|><!(){}[\]^"~*?:\\/]/g;

/** The `query_string` that finds organisations with a word starting with each word of `q`. */
export function organisationQuery(q: string): string {
  const words = q.split(/\s+/).filter(Boolean);
  if (words.length === 0) return "_exists_:organisation";
  return words.map((word) => `organisation:${word.replace(SPECIAL, "\\$&")}*`).join(" ");
}

/** One page of `query`'s organisations, without repeated names; the total is the page's. */
export async function findOrganisations(
  contacts: ContactsService,
  query: ListQuery,
  actor: Actor,
): Promise<ListResult> {
  const found = await contacts.find({
    ...query,
    q: organisationQuery(query.args?.q ?? ""),
    df: undefined,
    defaultOperator: "AND",
    args: { all: "" },
  }, actor);
  const seen = new Set<unknown>();
  const items = found.items.filter((doc) => {
    if (seen.has(doc.organisation)) return false;
    seen.add(doc.organisation);
    return true;
  });
  return { items, total: items.length };
}
