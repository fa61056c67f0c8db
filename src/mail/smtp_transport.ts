/**
 * The SMTP connection Superdesk's `MAIL_*` settings describe, shared by everything that sends
 * mail (the email transmitter, account e-mails). nodemailer (and the Node compatibility modules it
 * pulls in) is imported on the first transport, so processes that never email do not load it.
 */
import type nodemailer from "nodemailer";
import type { PublishSettings } from "../config/config.ts";

/** The SMTP server and sender (Superdesk's MAIL_* settings) and the time limit of a command. */
export type MailSettings = PublishSettings["mail"] & { timeoutMs: number };

/** A nodemailer transport (`sendMail`). */
export type SmtpTransport = ReturnType<typeof nodemailer.createTransport>;

/** The transport to `settings.server` (which must be set). */
export async function smtpTransport(settings: MailSettings): Promise<SmtpTransport> {
  const { default: mailer } = await import("nodemailer");
  return mailer.createTransport({
    host: settings.server,
    port: settings.port,
    secure: settings.useSsl,
    requireTLS: settings.useTls,
    ignoreTLS: !settings.useTls && !settings.useSsl,
    auth: settings.username ? { user: settings.username, pass: settings.password } : undefined,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
}
