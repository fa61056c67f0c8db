/**
 * File (Superdesk's `FilePublishService`): writes the document into the directory
 * `config.file_path` of the machine running the worker, through a temporary file renamed into
 * place, so readers never see a partial file and a repeated delivery replaces the same file.
 */
import {
  configOf,
  type Delivery,
  deliveryFileName,
  TransmitError,
  type Transmitter,
} from "./transmitter.ts";

/** Creates the transmitter. */
export function fileTransmitter(): Transmitter {
  return {
    type: "File",
    name: "File",
    async transmit(delivery: Delivery) {
      const config = configOf(delivery);
      if (typeof config.file_path !== "string" || config.file_path === "") {
        throw new TransmitError("File destination has no file_path", { permanent: true });
      }
      const directory = config.file_path.startsWith("/")
        ? config.file_path
        : `/${config.file_path}`;
      const name = deliveryFileName(delivery);
      const temporary = `${directory}/.${name}.${delivery.key}.tmp`;
      try {
        await Deno.writeTextFile(temporary, delivery.text);
        await Deno.rename(temporary, `${directory}/${name}`);
      } catch (error) {
        await Deno.remove(temporary).catch(() => {});
        throw new TransmitError(`Cannot write ${directory}/${name}: ${(error as Error).message}`, {
          permanent: error instanceof Deno.errors.PermissionDenied,
          cause: error,
        });
      }
    },
  };
}
