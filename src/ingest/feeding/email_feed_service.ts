/**
 * Mail over IMAP (Superdesk's EmailFeedingService, `superdesk/io/feeding_services/email.py`):
 * selects the configured mailbox, searches with `filter` (default `UNSEEN`), fetches each
 * message without marking it, and marks it `\Seen` only once its item is stored (or it failed to
 * parse, so a bad message is reported once rather than forever). `tls` (ours, default true) is
 * implicit TLS as Superdesk's IMAP4_SSL; false talks plain IMAP (loopback test servers).
 */
import { ImapClient, ImapError } from "../../net/imap_client.ts";
import type { Doc } from "../../storage/document_store.ts";
import { asIngestError, IngestError } from "../ingest_error.ts";
import { emailParser } from "../parsers/email_parser.ts";
import {
  configOf,
  configString,
  failedPayload,
  type FeedBatch,
  type FeedingService,
  type PollContext,
} from "./feeding_service.ts";

const MESSAGES_PER_POLL = 200;

/** The `email` service. */
export const emailService: FeedingService = {
  name: "email",
  label: "Email",
  parsers: ["email_rfc822"],
  defaultParser: "email_rfc822",
  fields: [
    {
      id: "server",
      type: "text",
      label: "Email Server",
      placeholder: "Email Server",
      required: true,
    },
    { id: "port", type: "text", label: "Email Server Port", required: true, default: "993" },
    { id: "tls", type: "boolean", label: "TLS", required: false, default: true },
    { id: "user", type: "text", label: "User", placeholder: "User", required: true },
    {
      id: "password",
      type: "password",
      label: "Password",
      placeholder: "Password",
      required: true,
    },
    { id: "mailbox", type: "text", label: "Mailbox", placeholder: "Mailbox", required: true },
    {
      id: "formatted",
      type: "boolean",
      label: "Formatted Email Parser",
      required: false,
      default: false,
    },
    { id: "filter", type: "text", label: "Filter", placeholder: "Filter", required: false },
  ],
  async test(provider) {
    const config = configOf(provider);
    const imap = await connect(config);
    try {
      await select(imap, config);
    } finally {
      await imap.close();
    }
  },
  poll(context) {
    return pollMailbox(context);
  },
};

async function* pollMailbox(context: PollContext): AsyncGenerator<FeedBatch> {
  const config = configOf(context.provider);
  const parser = context.parser ?? emailParser;
  const imap = await connect(config);
  try {
    await select(imap, config);
    const uids = (await imap.search(configString(config, "filter") ?? "UNSEEN"))
      .slice(0, MESSAGES_PER_POLL);
    for (const uid of uids) {
      context.signal.throwIfAborted();
      const message = await imap.fetch(uid);
      if (!message) continue;
      let result;
      try {
        result = parser.parse(message, { config, name: `uid ${uid}`, now: context.now });
      } catch (error) {
        result = failedPayload(error, 6001);
      }
      yield { name: `uid ${uid}`, result, commit: () => imap.markSeen(uid) };
    }
  } catch (error) {
    throw asIngestError(error, 6002);
  } finally {
    await imap.close();
  }
}

async function connect(config: Doc): Promise<ImapClient> {
  const host = configString(config, "server");
  if (!host) throw new IngestError(2001, "config.server is required");
  const tls = config.tls !== false;
  const port = Number(configString(config, "port") ?? (tls ? 993 : 143));
  try {
    return await ImapClient.connect({
      host,
      port,
      tls,
      user: configString(config, "user") ?? "",
      password: configString(config, "password") ?? "",
    });
  } catch (error) {
    if (error instanceof ImapError) throw new IngestError(6000, error.message, { cause: error });
    throw new IngestError(6003, `${host}:${port}: ${(error as Error).message}`, { cause: error });
  }
}

async function select(imap: ImapClient, config: Doc) {
  try {
    await imap.select(configString(config, "mailbox") ?? "INBOX");
  } catch (error) {
    throw new IngestError(6004, (error as Error).message, { cause: error });
  }
}
