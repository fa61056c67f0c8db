/**
 * The transmitters a destination's `delivery_type` may name, built from the configuration.
 */
import type { MailSettings } from "../../mail/smtp_transport.ts";
import type { MediaStorage } from "../../media/media_storage.ts";
import { emailTransmitter } from "./email_transmitter.ts";
import { fileTransmitter } from "./file_transmitter.ts";
import type { PublishedCopy } from "./ftp_media.ts";
import { ftpTransmitter } from "./ftp_transmitter.ts";
import { httpPushTransmitter } from "./http_push_transmitter.ts";
import type { Transmitter } from "./transmitter.ts";

/** What the transmitters need from the configuration. */
export interface TransmitSettings {
  httpTimeoutMs: number;
  ftpTimeoutMs: number;
  mail: MailSettings;
  /** Where the binaries HTTP push and FTP send with an item are read. */
  media: MediaStorage;
  /** The published copy FTP reads a non-JSON document's binaries from. */
  publishedCopy: PublishedCopy;
}

/** The built-in transmitters and how to close the connections they keep. */
export interface Transmitters {
  /** Every built-in transmitter by `delivery_type`. */
  byType: ReadonlyMap<string, Transmitter>;
  /** Closes the kept connections (HTTP push); pushes under way fail and are retried. */
  close(): void;
}

/** Every built-in transmitter, built from the configuration. */
export function createTransmitters(settings: TransmitSettings): Transmitters {
  const httpPush = httpPushTransmitter({
    timeoutMs: settings.httpTimeoutMs,
    media: settings.media,
  });
  const list = [
    httpPush,
    ftpTransmitter({
      timeoutMs: settings.ftpTimeoutMs,
      media: settings.media,
      publishedCopy: settings.publishedCopy,
    }),
    emailTransmitter(settings.mail),
    fileTransmitter(),
  ];
  return {
    byType: new Map(list.map((transmitter) => [transmitter.type, transmitter])),
    close: () => httpPush.close(),
  };
}
