/**
 * The e-mail steps of Superdesk's behave suite over a real SMTP server (GreenMail of
 * `scripts/services`, `SMTP_URL`/`IMAP_URL`): the scenario app sends to it, the steps read the
 * recipient's INBOX over IMAP. Superdesk records the messages in-process instead; because the
 * mail server is shared by every run, the scenarios give their users addresses of their own
 * (`mailbox("foo@bar.org")`) where Superdesk's fixtures use fixed ones.
 */
import assert from "node:assert/strict";
import { engineUrl } from "../_engines.ts";
import { imapInbox } from "../publish/_receivers.ts";

const smtpUrl = engineUrl("SMTP_URL");
const imapUrl = engineUrl("IMAP_URL");

/** True when no mail server is configured (outside CI): the mail scenarios are skipped. */
export const MAIL_MISSING = !smtpUrl || !imapUrl;

/** The scenario app's settings sending to the test mail server. */
export function mailEnv(): Record<string, string> {
  if (MAIL_MISSING) return {};
  const smtp = new URL(smtpUrl!);
  return { MAIL_SERVER: smtp.hostname, MAIL_PORT: smtp.port };
}

/** `address` made unique to this run: `foo@bar.org` becomes `foo@bar-<12 hex digits>.org`. */
export function mailbox(address: string): string {
  const dot = address.lastIndexOf(".");
  const unique = crypto.randomUUID().replaceAll("-", "").slice(0, 12);
  return `${address.slice(0, dot)}-${unique}${address.slice(dot)}`;
}

/** One received message: its subject and text (quoted-printable soft breaks and escapes undone). */
export interface Received {
  subject: string;
  text: string;
}

/** The messages in `address`'s INBOX, oldest first. */
export async function inbox(address: string): Promise<Received[]> {
  const messages = await imapInbox(imapUrl!, address.toLowerCase());
  return messages.map(({ subject, raw }) => ({ subject, text: quotedPrintable(raw) }));
}

/**
 * `we get email with token` / `we get activation email`: the only message in `address`'s INBOX
 * has `subject`; returns the token of the web-client link that follows the word `after` (as
 * Superdesk's steps find it).
 */
export async function tokenMail(address: string, subject: string, after: string): Promise<string> {
  const messages = await inbox(address);
  assert.equal(messages.length, 1, `messages to ${address}: ${JSON.stringify(messages)}`);
  assert.equal(messages[0]!.subject, subject);
  const words = messages[0]!.text.split(/\s+/);
  const url = new URL(words[words.indexOf(after) + 1]!);
  const token = url.hash.split("token=").at(-1);
  assert.ok(token, `no token in ${url}`);
  return decodeURIComponent(token);
}

function quotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, "").replace(
    /=([0-9A-F]{2})/g,
    (_, hex: string) => String.fromCharCode(parseInt(hex, 16)),
  );
}
