/**
 * Delivery protocols (Superdesk's `superdesk/publish/transmitters`): a transmitter sends one
 * formatted document to one destination. Every delivery carries a stable key (the queue entry
 * id) and a stable file name, so that sending it again after a crash or an outage replaces the
 * same file (FTP, file) or can be recognised by the receiver (HTTP `Idempotency-Key`, email
 * `Message-ID`): the effect happens once per destination.
 */
import type { Doc } from "../../storage/document_store.ts";

/** One document to deliver. */
export interface Delivery {
  /** Stable across attempts: the publish queue entry id. */
  key: string;
  itemId: string;
  itemVersion: number;
  /** The subscriber's publish sequence number. */
  sequence: number;
  text: string;
  mimeType: string;
  extension: string;
  destination: Doc;
  subscriber: Doc;
}

/** A protocol. */
export interface Transmitter {
  /** The value of a destination's `delivery_type`. */
  readonly type: string;
  /** Superdesk's display name. */
  readonly name: string;
  transmit(delivery: Delivery, options: { signal: AbortSignal }): Promise<void>;
}

/**
 * A delivery failed. `permanent` failures (a 4xx from the receiver, a bad configuration) are not
 * retried; the others are, with backoff, until the destination answers.
 */
export class TransmitError extends Error {
  readonly permanent: boolean;
  constructor(
    message: string,
    { permanent = false, cause }: { permanent?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause });
    this.name = "TransmitError";
    this.permanent = permanent;
  }
}

/**
 * Superdesk's file name for a delivery: `<item id>-<version>-<sequence>.<extension>` with `:`
 * replaced by `-`; a destination's `config.file_extension` overrides the extension.
 */
export function deliveryFileName(delivery: Delivery): string {
  const config = (delivery.destination.config ?? {}) as Doc;
  const extension = typeof config.file_extension === "string" && config.file_extension
    ? config.file_extension
    : delivery.extension;
  return `${delivery.itemId}-${delivery.itemVersion}-${delivery.sequence}.${extension}`
    .replaceAll(":", "-").replaceAll("/", "-");
}

/** The destination's `config` object (empty when missing). */
export function configOf(delivery: Delivery): Doc {
  const config = delivery.destination.config;
  return config && typeof config === "object" ? config as Doc : {};
}
