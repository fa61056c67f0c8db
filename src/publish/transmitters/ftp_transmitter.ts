/**
 * FTP (Superdesk's `FTPPublishService`): logs in to `config.host` (`port`, `username`,
 * `password`), goes to `config.path` (created when missing), uploads the document in passive
 * mode under a temporary name and renames it to its final name, so a reader never sees a partial
 * file and a repeated delivery replaces the same file. Refused logins and missing hosts are
 * permanent; a server that is down or drops the connection is retried.
 */
import { Client } from "basic-ftp";
import { Readable } from "node:stream";
import {
  configOf,
  type Delivery,
  deliveryFileName,
  TransmitError,
  type Transmitter,
} from "./transmitter.ts";

/** Creates the transmitter; `timeoutMs` bounds each FTP command. */
export function ftpTransmitter({ timeoutMs }: { timeoutMs: number }): Transmitter {
  return {
    type: "ftp",
    name: "FTP",
    async transmit(delivery: Delivery, { signal }) {
      const config = configOf(delivery);
      if (typeof config.host !== "string" || config.host === "") {
        throw new TransmitError("FTP destination has no host", { permanent: true });
      }
      const client = new Client(timeoutMs);
      const abort = () => client.close();
      signal.addEventListener("abort", abort, { once: true });
      const name = deliveryFileName(delivery);
      const temporary = `.${name}.${delivery.key}.tmp`;
      try {
        await client.access({
          host: config.host,
          port: Number(config.port ?? 21),
          user: typeof config.username === "string" ? config.username : "anonymous",
          password: typeof config.password === "string" ? config.password : "",
          secure: false,
        });
        const path = typeof config.path === "string" ? config.path.replace(/^\/+/, "") : "";
        if (path) await client.ensureDir(path);
        await client.uploadFrom(
          Readable.from([new TextEncoder().encode(delivery.text)]),
          temporary,
        );
        await client.rename(temporary, name);
      } catch (error) {
        const code = (error as { code?: number }).code;
        throw new TransmitError(`FTP upload of ${name} failed: ${describeFtp(error)}`, {
          permanent: code === 530 || code === 553,
          cause: error,
        });
      } finally {
        signal.removeEventListener("abort", abort);
        client.close();
      }
    },
  };
}

function describeFtp(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
