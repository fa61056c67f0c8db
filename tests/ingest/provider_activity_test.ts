import assert from "node:assert/strict";
import type { MailMessage } from "../../src/mail/mail_sender.ts";
import {
  announceProviderChange,
  lifecycleNotice,
  updateNotices,
} from "../../src/ingest/provider_activity.ts";
import type { ServiceContext } from "../../src/resources/service_context.ts";
import type { Doc } from "../../src/storage/document_store.ts";

/** Just what the announcement reads: users (administrators) and the activity log. */
function context(users: Doc[]) {
  const recorded: Doc[] = [];
  const services: Record<string, unknown> = {
    users: {
      find: ({ filter }: { filter: Doc }) =>
        Promise.resolve({ items: users.filter((u) => u.user_type === filter.user_type) }),
      findOne: ({ _id }: Doc) => Promise.resolve(users.find((u) => u._id === _id) ?? null),
    },
    activity: { record: (entry: Doc) => Promise.resolve(recorded.push(entry)) },
  };
  const ctx = {
    registry: {
      has: (name: string) => name in services,
      service: (name: string) => services[name],
    },
  } as unknown as ServiceContext;
  return { ctx, recorded };
}

const admin = (id: string, fields: Doc = {}): Doc => ({
  _id: id,
  username: id,
  user_type: "administrator",
  email: `${id}@example.com`,
  needs_activation: false,
  is_enabled: true,
  is_active: true,
  ...fields,
});

Deno.test("a provider's creation is mailed to the reachable administrators, each on their own", async () => {
  const { ctx, recorded } = context([
    admin("ann", { display_name: "Ann" }),
    admin("off", { is_enabled: false }),
    admin("idle", { is_active: false }),
    admin("new", { needs_activation: true }),
    admin("quiet", { user_preferences: { "email:notification": { enabled: false } } }),
    admin("nodesk", { user_preferences: { "desktop:notification": { enabled: false } } }),
    { _id: "joe", user_type: "user", email: "joe@example.com", is_enabled: true },
  ]);
  const sent: MailMessage[] = [];
  const send = (message: MailMessage) => Promise.resolve(void sent.push(message));
  await announceProviderChange(ctx, send, {
    notice: lifecycleNotice({ _id: "p1", name: "wire" }, "Created"),
    actor: { kind: "user", userId: "ann" } as never,
  });
  assert.deepEqual(sent.map((m) => m.to), ["ann@example.com", "nodesk@example.com"]);
  assert.equal(sent[0]!.text, "Ann Created Ingest Channel wire");
  assert.deepEqual(recorded[0]!.notify, ["ann", "off", "idle", "new", "quiet"]);
  assert.deepEqual(recorded[0]!.data, { name: "wire", provider_id: "p1" });
});

Deno.test("an update that closes a provider is two notices; switched-off notifications tell nobody", () => {
  const original = { _id: "p1", name: "wire", notifications: { on_close: false } };
  const notices = updateNotices({ is_closed: true }, original);
  assert.deepEqual(notices.map((n) => [n.message, n.data.status, n.toAdmins]), [
    ["updated Ingest Channel {{name}}", undefined, true],
    ["{{status}} Ingest Channel {{name}}", "closed", false],
  ]);
  assert.deepEqual(updateNotices({ name: "x" }, original).length, 1);
});
