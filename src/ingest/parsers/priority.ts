/** Superdesk's priority scale (`superdesk/metadata/item.py` Priority): 1 flash … 6 ordinary. */

/** Ordinary priority, the default for anything unreadable. */
export const ORDINARY_PRIORITY = 6;

/** A source priority ("1".."6") as Superdesk's, else ordinary. */
export function mapPriority(source: string | undefined): number {
  const value = Number(source?.trim());
  return Number.isInteger(value) && value >= 1 && value <= 6 ? value : ORDINARY_PRIORITY;
}
