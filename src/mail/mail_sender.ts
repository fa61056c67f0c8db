/**
 * Sends the e-mails the server writes itself (account notices, comment mentions) over SMTP with
 * the `MAIL_*` settings. Like Superdesk's mail task, a message that cannot be sent (no
 * `MAIL_SERVER`, SMTP refusal) is logged and never fails the request that caused it.
 */
import type { Config } from "../config/config.ts";
import type { Logger } from "../log.ts";
import { type SmtpTransport, smtpTransport } from "./smtp_transport.ts";

/** One plain-text message. */
export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
}

/** Sends one message (resolves once sent, or once its failure is logged). */
export type SendMail = (message: MailMessage) => Promise<void>;

/** The sender for `config`, logging through `log`; connects on its first message. */
export function createMailSender(config: Readonly<Config>, log: Logger): SendMail {
  const settings = { ...config.publish.mail, timeoutMs: config.publish.httpPushTimeoutMs };
  let transport: Promise<SmtpTransport> | undefined;
  return async (message) => {
    if (!settings.server) {
      log.warn("e-mail not sent: MAIL_SERVER is not configured", { subject: message.subject });
      return;
    }
    transport ??= smtpTransport(settings);
    try {
      await (await transport).sendMail({ from: settings.from, ...message });
    } catch (error) {
      log.error("e-mail not sent", { subject: message.subject, error: String(error) });
    }
  };
}
