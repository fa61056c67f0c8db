/**
 * The real FTP and IMAP test servers (`scripts/services`: pyftpdlib and GreenMail) as provider
 * configurations: each call gets a directory or mailbox of its own, so parallel runs never meet.
 */
import { FtpClient } from "../../src/net/ftp_client.ts";
import { ImapClient } from "../../src/net/imap_client.ts";
import { engineUrl, uniqueName } from "../_engines.ts";

/** An FTP provider config on a fresh directory, and a client to fill it; undefined when skipped. */
export async function ftpDirectory() {
  const url = engineUrl("FTP_URL");
  if (!url) return undefined;
  const parsed = new URL(url);
  const path = uniqueName("ingest");
  const config = {
    host: parsed.hostname,
    port: parsed.port || "21",
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    path,
  };
  const client = await FtpClient.connect({
    host: config.host,
    port: Number(config.port),
    user: config.username,
    password: config.password,
  });
  await client.ensureDir(path);
  return { config, client, path };
}

/** An IMAP provider config for a fresh mailbox user, and a client to fill it. */
export async function imapMailbox() {
  const url = engineUrl("IMAP_URL");
  if (!url) return undefined;
  const parsed = new URL(url);
  const user = `${uniqueName("ingest")}@newsroom.example`;
  const config = {
    server: parsed.hostname,
    port: parsed.port,
    tls: false,
    user,
    password: "any",
    mailbox: "INBOX",
  };
  const client = await ImapClient.connect({
    host: config.server,
    port: Number(config.port),
    tls: false,
    user,
    password: "any",
  });
  return { config, client, user };
}

/** True when the FTP test server is configured (else the suite is skipped loudly). */
export const hasFtp = () => Boolean(engineUrl("FTP_URL"));
/** True when the mail test server is configured. */
export const hasImap = () => Boolean(engineUrl("IMAP_URL"));
