/**
 * Who reads the content API (Superdesk's `SubscriberTokenAuth`): the subscriber whose token the
 * request carries in `Authorization` — `Bearer <token>`, `Token <token>`, `Basic
 * base64(<token>:)` or the bare token, as Eve's `TokenAuth` reads it. No token, or an unknown or
 * expired one, is a 401; a token of a subscriber that is gone, inactive or has no api products
 * is a 403 (Superdesk lets it in to an empty list: README, Content API).
 */
import { ForbiddenError, UnauthorizedError } from "../errors.ts";
import { tokenFromHeader } from "../http/middleware/authenticate.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { SubscriberTokenService } from "./subscriber_token_service.ts";

/** The subscriber id of the request's token (else 401/403). */
export async function consumerSubscriber(
  registry: ResourceRegistry,
  header: string | null,
): Promise<string> {
  const token = header === null ? undefined : tokenFromHeader(header) ?? bareToken(header);
  if (!token) throw new UnauthorizedError();
  const tokens = registry.service<SubscriberTokenService>("subscriber_token");
  const subscriberId = await tokens.subscriberOf(token);
  if (subscriberId === null) throw new UnauthorizedError();
  const subscriber = await registry.service("subscribers").findOne({ _id: subscriberId });
  const products = (subscriber?.api_products as unknown[] | undefined) ?? [];
  if (!subscriber || subscriber.is_active !== true || products.length === 0) {
    throw new ForbiddenError("The subscriber of this token may not read the content API");
  }
  return subscriberId;
}

/** A header holding only the token (no scheme). */
function bareToken(header: string): string | undefined {
  const value = header.trim();
  return value && !/\s/.test(value) ? value : undefined;
}
