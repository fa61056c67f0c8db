/**
 * FTP of an item's binaries (Superdesk's `FTPPublishService._copy_published_media_files`, on
 * when the destination's `config.push_associated` is set): the renditions subscribers use (the
 * original and the crops, of the item and its associations) go to `config.associated_path`, else
 * to `config.path`, each named by Superdesk's `get_rendition_file_name` (`<media id>.<ext>`),
 * before the item. A file already there is not sent again. Each is streamed from the media
 * storage under a temporary name and renamed, so a transfer cut short never leaves a partial file
 * under the final name (which a later attempt would take as sent). A document that is not JSON
 * (NITF, NewsML) names no binaries, so they are read from the published copy it was formatted
 * from, as Superdesk's `_get_published_item` does.
 */
import type { FtpClient } from "../../net/ftp_client.ts";
import type { MediaStorage } from "../../media/media_storage.ts";
import type { Doc } from "../../storage/document_store.ts";
import { formattedDocument, publishedMedia, renditionFileName } from "./published_media.ts";
import { type Delivery, TransmitError } from "./transmitter.ts";

/** The published copy of an item at a version (none when it is gone). */
export type PublishedCopy = (itemId: string, version: number) => Promise<Doc | undefined>;

/** Sends the binaries of `delivery` the directory `dir` (relative, may be empty) lacks. */
export async function storeMedia(
  client: FtpClient,
  delivery: Delivery,
  { dir, storage, publishedCopy }: {
    dir: string;
    storage: MediaStorage;
    publishedCopy?: PublishedCopy;
  },
): Promise<void> {
  const document = formattedDocument(delivery.text) ??
    await publishedCopy?.(delivery.itemId, delivery.itemVersion);
  const media = publishedMedia(document, { internal: false });
  if (media.size === 0) return;
  const inDir = (file: string) => dir ? `${dir}/${file}` : file;
  if (dir) await client.ensurePath(dir);
  const present = new Set((await client.list(dir)).map((entry) => entry.name));
  for (const entry of media.values()) {
    const name = renditionFileName(entry);
    if (present.has(name)) continue;
    const file = await storage.get(entry.media);
    if (!file) {
      throw new TransmitError(`FTP upload of ${name} failed: not in the media storage`);
    }
    const temporary = inDir(`.${name}.${delivery.key}.tmp`);
    await client.store(temporary, file.body());
    await client.rename(temporary, inDir(name));
  }
}
