/**
 * FTP (Superdesk's `FTPPublishService`) over our FTP client (`src/net/ftp_client.ts`): logs in to
 * `config.host` (`port`, `username`, `password`), makes `config.path` when missing, uploads the
 * document in passive mode under a temporary name and renames it to its final name, so a reader
 * never sees a partial file and a repeated delivery replaces the same file. Refused logins and
 * refused file names are permanent; a server that is down or drops the connection is retried.
 * With `config.push_associated`, the item's binaries go first (`ftp_media.ts`).
 */
import type { MediaStorage } from "../../media/media_storage.ts";
import { FtpClient, FtpReplyError } from "../../net/ftp_client.ts";
import { type PublishedCopy, storeMedia } from "./ftp_media.ts";
import {
  configOf,
  type Delivery,
  deliveryFileName,
  TransmitError,
  type Transmitter,
} from "./transmitter.ts";

/** FTP replies that will not change on a retry: not logged in, file name not allowed. */
const PERMANENT_REPLIES = new Set([530, 532, 553]);

/**
 * Creates the transmitter; `timeoutMs` bounds each FTP command; binaries are read from `media`
 * (without it, none are sent), those of a document that is not JSON from `publishedCopy`.
 */
export function ftpTransmitter(
  { timeoutMs, media, publishedCopy }: {
    timeoutMs: number;
    media?: MediaStorage;
    publishedCopy?: PublishedCopy;
  },
): Transmitter {
  return {
    type: "ftp",
    name: "FTP",
    async transmit(delivery: Delivery, { signal }) {
      const config = configOf(delivery);
      if (typeof config.host !== "string" || config.host === "") {
        throw new TransmitError("FTP destination has no host", { permanent: true });
      }
      const name = deliveryFileName(delivery);
      const path = typeof config.path === "string" ? config.path.replace(/^\/+|\/+$/g, "") : "";
      const inPath = (file: string) => path ? `${path}/${file}` : file;
      let client: FtpClient | undefined;
      const abort = () => client?.abort();
      signal.addEventListener("abort", abort, { once: true });
      try {
        client = await FtpClient.connect({
          host: config.host,
          port: Number(config.port ?? 21),
          user: typeof config.username === "string" ? config.username : "anonymous",
          password: typeof config.password === "string" ? config.password : "",
          timeoutMs,
        });
        signal.throwIfAborted();
        if (media && config.push_associated) {
          const associated = typeof config.associated_path === "string"
            ? config.associated_path.replace(/^\/+|\/+$/g, "")
            : "";
          await storeMedia(client, delivery, {
            dir: associated || path,
            storage: media,
            publishedCopy,
          });
        }
        if (path) await client.ensurePath(path);
        const temporary = inPath(`.${name}.${delivery.key}.tmp`);
        await client.store(temporary, new TextEncoder().encode(delivery.text));
        await client.rename(temporary, inPath(name));
      } catch (error) {
        const permanent = error instanceof FtpReplyError && PERMANENT_REPLIES.has(error.code);
        throw new TransmitError(`FTP upload of ${name} failed: ${describe(error)}`, {
          permanent,
          cause: error,
        });
      } finally {
        signal.removeEventListener("abort", abort);
        await client?.close();
      }
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
