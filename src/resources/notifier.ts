/**
 * How services announce changes: a function that publishes `{event, extra}` on the
 * notification bus, optionally only to some clients (Superdesk's `filters.include/exclude`).
 * Injected, so services never know which bus (Redis or in-process) they got.
 */
import type { NotificationFilters } from "../notify/notification.ts";

export type Notify = (
  event: string,
  extra: Record<string, unknown>,
  options?: { filters?: NotificationFilters },
) => Promise<void>;
