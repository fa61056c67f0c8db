/**
 * Reads shared by the services one operation calls: a search over several resources asks each
 * for its scope, and several scopes rest on the same lookup (the user's desks and hidden stages).
 * `withSharedReads(actor)` returns a copy of `actor` made for that one operation; `sharedRead`
 * on that copy runs each keyed read once and hands every later caller the same answer. The memo
 * lives and dies with the copy: the actor the authenticator caches between requests never holds
 * one, so the next operation reads afresh (a desk membership changed meanwhile is seen).
 */
import type { Actor } from "./actor.ts";

const memos = new WeakMap<Actor, Map<unknown, Promise<unknown>>>();

/** A copy of `actor` whose `sharedRead`s are made once (the system actor is returned as is). */
export function withSharedReads(actor: Actor): Actor {
  if (actor.kind === "system") return actor;
  const copy: Actor = { ...actor };
  memos.set(copy, new Map());
  return copy;
}

/** `read()`, or the answer it already gave for `key` in the operation `actor` was made for. */
export function sharedRead<T>(actor: Actor, key: unknown, read: () => Promise<T>): Promise<T> {
  const memo = memos.get(actor);
  if (!memo) return read();
  let answer = memo.get(key) as Promise<T> | undefined;
  if (!answer) memo.set(key, answer = read());
  return answer;
}
