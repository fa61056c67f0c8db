/**
 * HTTP push (Superdesk's `HTTPPushService`): `POST` the formatted document to the destination's
 * `config.resource_url`, with `x-superdesk-signature: sha1=<hmac>` when `config.secret_token` is
 * set, any `config.headers` given, and `Idempotency-Key` (the queue entry id) so the receiver can
 * recognise a repeated delivery. A 4xx answer is permanent (not retried, as Superdesk); a 5xx,
 * a timeout or a refused connection is retried.
 */
import type { Doc } from "../../storage/document_store.ts";
import { configOf, type Delivery, TransmitError, type Transmitter } from "./transmitter.ts";

/** Creates the transmitter; `timeoutMs` bounds each request (Superdesk's HTTP_PUSH_TIMEOUT). */
export function httpPushTransmitter({ timeoutMs }: { timeoutMs: number }): Transmitter {
  return {
    type: "http_push",
    name: "HTTP Push",
    async transmit(delivery: Delivery, { signal }) {
      const config = configOf(delivery);
      const url = config.resource_url;
      if (typeof url !== "string" || !/^https?:\/\//.test(url)) {
        throw new TransmitError("HTTP push destination has no http(s) resource_url", {
          permanent: true,
        });
      }
      const headers: Record<string, string> = {
        "Content-Type": delivery.mimeType,
        Accept: "application/json",
        "Idempotency-Key": delivery.key,
        ...stringHeaders(config.headers),
      };
      if (typeof config.secret_token === "string" && config.secret_token) {
        headers["x-superdesk-signature"] = await signature(delivery.text, config.secret_token);
      }
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          body: delivery.text,
          headers,
          signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
        });
      } catch (error) {
        throw new TransmitError(`Error pushing item to ${url}: ${describe(error)}`, {
          cause: error,
        });
      }
      const body = await response.text().catch(() => "");
      if (response.ok) return;
      throw new TransmitError(
        `Error pushing item ${response.status}: ${body.slice(0, 200)}`,
        { permanent: response.status >= 400 && response.status < 500 },
      );
    },
  };
}

/** `sha1=<hex hmac>` of `body` with `secret` (Superdesk's `_get_data_hash`). */
export async function signature(body: string, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)),
  );
  return "sha1=" + Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function stringHeaders(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(
    Object.entries(value as Doc).filter(([, v]) => typeof v === "string") as [string, string][],
  );
}

function describe(error: unknown): string {
  if (error instanceof DOMException && error.name === "TimeoutError") return "timed out";
  return error instanceof Error ? error.message : String(error);
}
