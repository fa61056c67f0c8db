/**
 * Email (Superdesk's `EmailPublishService`): sends the email formatter's subject, text and HTML
 * over SMTP to `config.recipients` (and `config.recipients_bcc`), separated by `;`, from the
 * configured sender. Other formats are sent as the text of a message titled `Story: <id>`. The
 * `Message-ID` is derived from the queue entry, so a repeated delivery can be recognised.
 * The SMTP transport (`src/mail/smtp_transport.ts`) is made on the first send.
 */
import { type MailSettings, type SmtpTransport, smtpTransport } from "../../mail/smtp_transport.ts";
import type { Doc } from "../../storage/document_store.ts";
import { configOf, type Delivery, TransmitError, type Transmitter } from "./transmitter.ts";

/** Creates the transmitter. */
export function emailTransmitter(settings: MailSettings): Transmitter {
  let transport: Promise<SmtpTransport> | undefined;
  return {
    type: "email",
    name: "Email",
    async transmit(delivery: Delivery) {
      if (!settings.server) {
        throw new TransmitError("Cannot send email: MAIL_SERVER is not configured", {
          permanent: true,
        });
      }
      const config = configOf(delivery);
      const recipients = addresses(config.recipients);
      const bcc = addresses(config.recipients_bcc);
      if (recipients.length === 0 && bcc.length === 0) {
        throw new TransmitError("recipient and bcc fields are empty!", { permanent: true });
      }
      transport ??= smtpTransport(settings);
      const message = parts(delivery);
      try {
        await (await transport).sendMail({
          from: settings.from,
          to: recipients,
          bcc,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: `<${delivery.key}.${delivery.itemVersion}@superdesk>`,
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        throw new TransmitError(`Cannot send email: ${(error as Error).message}`, {
          permanent: code !== undefined && code >= 500 && code < 600 && code !== 554,
          cause: error,
        });
      }
    },
  };
}

function addresses(value: unknown): string[] {
  if (typeof value !== "string") return [];
  return value.split(/[;,]/).map((address) => address.trim()).filter(Boolean);
}

function parts(delivery: Delivery): { subject: string; text: string; html?: string } {
  try {
    const doc = JSON.parse(delivery.text) as Doc;
    if (typeof doc.message_subject === "string") {
      return {
        subject: doc.message_subject,
        text: String(doc.message_text ?? ""),
        html: typeof doc.message_html === "string" ? doc.message_html : undefined,
      };
    }
  } catch {
    // Not the email formatter's JSON: sent as text.
  }
  return { subject: `Story: ${delivery.itemId}`, text: delivery.text };
}
