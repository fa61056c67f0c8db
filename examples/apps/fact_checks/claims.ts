/**
 * Finding the claims of a story worth checking: sentences of its headline, abstract and body
 * that state a figure (a number, a percentage, an amount, a year). Each claim has a stable id
 * per item, so scanning a story again never records a claim twice.
 */
import { type Doc, htmlText } from "@superdesk/app";

/** At most this many claims are taken from one story. */
export const MAX_CLAIMS = 25;

/** The distinct sentences with a figure, in reading order. */
export function claimsOf(item: Doc): string[] {
  const text = [item.headline, item.abstract, item.body_html].map(htmlText).join(" \n ");
  const sentences = text.split(/(?<=[.!?])\s+|\n/).map((sentence) =>
    sentence.replace(/\s+/g, " ").trim()
  );
  const claims = sentences.filter((sentence) => /\d/.test(sentence) && sentence.length >= 12);
  return [...new Set(claims)].slice(0, MAX_CLAIMS);
}

/** A 24-hex id for `claim` in item `itemId` (the same inputs give the same id). */
export async function claimId(itemId: string, claim: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${itemId}\n${claim}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest.slice(0, 12)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
