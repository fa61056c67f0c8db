/**
 * Mentions in a comment (Superdesk's `get_mentions`): `@username` names a user, `#Desk_name` a
 * desk (underscores stand for spaces), each at the start of the text or after white space.
 */

/** The names a text mentions. */
export interface MentionedNames {
  users: string[];
  desks: string[];
}

/** Mentioned names resolved to ids: name → id. */
export interface Mentions {
  mentioned_users: Record<string, string>;
  mentioned_desks: Record<string, string>;
}

const USER = /(?:^|\s)@([\w.-]+)/gu;
const DESK = /(?:^|\s)#([\w.-]+)/gu;

/** The distinct user and desk names mentioned in `text`. */
export function parseMentions(text: string): MentionedNames {
  const names = (pattern: RegExp) => [...new Set([...text.matchAll(pattern)].map((m) => m[1]!))];
  return {
    users: names(USER).filter((name) => name.trim() !== ""),
    desks: names(DESK).map((name) => name.replaceAll("_", " ")).filter((name) => name.trim()),
  };
}
