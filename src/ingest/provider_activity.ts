/**
 * What a change to an ingest provider tells people (Superdesk's `notify_and_add_activity` as
 * `IngestProviderService` calls it): an activity entry (`Created Ingest Channel {{name}}`,
 * `updated ...`, `closed ...`, `Deleted ...`) and, unless the provider's `notifications` turn it
 * off, the administrators are its recipients and get an e-mail saying it. Recipients are the
 * administrators whose desktop notifications are on; the e-mail goes to those who are enabled,
 * active, activated and keep e-mail notifications on, one message each so no one learns the
 * others' addresses.
 */
import type { ActivityService } from "../activity/activity_service.ts";
import { emailNotifications, preferencesOfUser } from "../auth/user_preferences.ts";
import type { SendMail } from "../mail/mail_sender.ts";
import type { Actor } from "../resources/actor.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";

/** One provider change to announce. */
export interface ProviderNotice {
  /** The activity's name: `create`, `update`, `notify` (opened/closed), `delete`. */
  name: string;
  /** Template filled from `data` (`updated Ingest Channel {{name}}`). */
  message: string;
  data: Record<string, unknown>;
  /** Whether the administrators are told (the provider's `notifications` setting). */
  toAdmins: boolean;
}

/** Records `notice` done by `actor` and tells the administrators. */
export async function announceProviderChange(
  ctx: ServiceContext,
  send: SendMail,
  { notice, actor }: { notice: ProviderNotice; actor: Actor },
): Promise<void> {
  if (!ctx.registry.has("activity")) return;
  const admins = notice.toAdmins ? await administrators(ctx) : [];
  const notified: string[] = [];
  const mailed: string[] = [];
  for (const admin of admins) {
    const preferences = await preferencesOfUser(ctx.registry, admin);
    const specific = ((preferences.notifications ?? {}) as Doc)[notice.name] as Doc | undefined;
    const desktop = (preferences["desktop:notification"] as Doc | undefined)?.enabled !== false;
    if (desktop && specific?.desktop !== false) notified.push(String(admin._id));
    const reachable = admin.needs_activation === false && admin.is_enabled === true &&
      admin.is_active === true && typeof admin.email === "string" && admin.email !== "";
    if (reachable && emailNotifications(preferences) && specific?.email !== false) {
      mailed.push(admin.email as string);
    }
  }
  const activity = ctx.registry.service<ActivityService>("activity");
  await activity.record({
    name: notice.name,
    message: notice.message,
    resource: "ingest_providers",
    notify: notified,
    data: notice.data,
  }, actor.userId);
  if (mailed.length === 0) return;
  const author = actor.userId
    ? await ctx.registry.service("users").findOne({ _id: actor.userId })
    : null;
  const by = author ? String(author.display_name || author.username || "") : "";
  const text = `${by ? `${by} ` : ""}${filled(notice.message, notice.data)}`;
  for (const to of mailed) await send({ to, subject: text, text });
}

async function administrators(ctx: ServiceContext): Promise<Doc[]> {
  const found = await ctx.registry.service("users").find({
    filter: { user_type: "administrator" },
    page: 1,
    maxResults: 1000,
    skipCount: true,
  });
  return found.items;
}

/** `{{ key }}` placeholders of `template` filled from `data`. */
function filled(template: string, data: Record<string, unknown>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(data[key] ?? ""));
}

/** Superdesk's notices of a new provider and of a deleted one (administrators always told). */
export function lifecycleNotice(doc: Doc, verb: "Created" | "Deleted"): ProviderNotice {
  return {
    name: verb === "Created" ? "create" : "delete",
    message: `${verb} Ingest Channel {{name}}`,
    data: { name: doc.name, provider_id: String(doc._id) },
    toAdmins: true,
  };
}

/**
 * The notices of an update: `updated` (told unless `on_update` is off) and, when it opened or
 * closed the provider, `opened`/`closed` (told unless `on_open`/`on_close` is off).
 */
export function updateNotices(updates: Doc, original: Doc): ProviderNotice[] {
  const wants = (key: string) => {
    const value = (updates.notifications as Doc | undefined)?.[key] ??
      (original.notifications as Doc | undefined)?.[key];
    return value !== false;
  };
  const data = { name: updates.name ?? original.name, provider_id: String(original._id) };
  const notices: ProviderNotice[] = [{
    name: "update",
    message: "updated Ingest Channel {{name}}",
    data,
    toAdmins: wants("on_update"),
  }];
  const closed = updates.is_closed === true;
  if ("is_closed" in updates && closed !== (original.is_closed === true)) {
    notices.push({
      name: "notify",
      message: "{{status}} Ingest Channel {{name}}",
      data: { ...data, status: closed ? "closed" : "opened" },
      toAdmins: wants(closed ? "on_close" : "on_open"),
    });
  }
  return notices;
}
