/**
 * Subscriber tokens: a new token is 32 random bytes (base64url); the store keeps its SHA-256 as
 * the document's `_id` (as the sessions do), so a copy of the database holds no usable token, and
 * the POST answers the token once as `token`. `expiry_days` sets `expiry`; a token past it is
 * deleted when next presented (Superdesk's `SubscriberTokenAuth`).
 */
import { ValidationError } from "../errors.ts";
import { hashSessionToken, newSessionToken } from "../auth/session_token.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { type CreateOptions, ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";

const DAY_MS = 86_400_000;

/** The `subscriber_token` service. */
export class SubscriberTokenService extends ResourceService {
  /** Stores the tokens' digests; answers each document with its `token`. */
  override async create(
    inputs: Doc[],
    actor: Actor = SYSTEM_ACTOR,
    options: CreateOptions = {},
  ): Promise<Doc[]> {
    const tokens = inputs.map(() => newSessionToken());
    const docs = inputs.map((input, i) => ({ ...input, _id: hashSessionToken(tokens[i]!) }));
    const stored = await super.create(docs, actor, options);
    return stored.map((doc, i) => ({ ...doc, token: tokens[i] }));
  }

  /**
   * Once the input is valid: its subscriber must exist (Superdesk's required relation), and
   * `expiry` follows from `expiry_days` (a client may not set it).
   */
  protected override async onCreate(docs: Doc[]): Promise<void> {
    const subscribers = this.ctx.registry.service("subscribers");
    const now = Date.now();
    for (const doc of docs) {
      const id = String(doc.subscriber);
      if (!(await subscribers.findOne({ _id: id }))) {
        throw new ValidationError({
          subscriber: `value '${id}' must exist in resource 'subscribers', field '_id'.`,
        });
      }
      if (typeof doc.expiry_days === "number") {
        doc.expiry = new Date(now + doc.expiry_days * DAY_MS);
      }
    }
  }

  /** The subscriber id `token` stands for, or null when it is unknown or expired (then gone). */
  async subscriberOf(token: string, now = new Date()): Promise<string | null> {
    const id = hashSessionToken(token);
    const doc = await this.findOne({ _id: id });
    if (!doc) return null;
    const expiry = doc.expiry instanceof Date ? doc.expiry.getTime() : NaN;
    if (!Number.isNaN(expiry) && expiry < now.getTime()) {
      await this.collection.deleteOne({ _id: id });
      return null;
    }
    return String(doc.subscriber);
  }
}
