/**
 * The transmitters a destination's `delivery_type` may name, built from the configuration.
 */
import type { MailSettings } from "../../mail/smtp_transport.ts";
import { emailTransmitter } from "./email_transmitter.ts";
import { fileTransmitter } from "./file_transmitter.ts";
import { ftpTransmitter } from "./ftp_transmitter.ts";
import { httpPushTransmitter } from "./http_push_transmitter.ts";
import type { Transmitter } from "./transmitter.ts";

/** What the transmitters need from the configuration. */
export interface TransmitSettings {
  httpTimeoutMs: number;
  ftpTimeoutMs: number;
  mail: MailSettings;
}

/** Every built-in transmitter by `delivery_type`. */
export function createTransmitters(settings: TransmitSettings): ReadonlyMap<string, Transmitter> {
  const list = [
    httpPushTransmitter({ timeoutMs: settings.httpTimeoutMs }),
    ftpTransmitter({ timeoutMs: settings.ftpTimeoutMs }),
    emailTransmitter(settings.mail),
    fileTransmitter(),
  ];
  return new Map(list.map((transmitter) => [transmitter.type, transmitter]));
}
