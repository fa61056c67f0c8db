/**
 * The binaries a formatted item refers to (Superdesk's transmitter file providers,
 * `superdesk/publish/transmitters/file_providers/associations.py`): every rendition with a
 * `media` id of the item, of its associations and of theirs, read from the formatted document
 * as Superdesk reads it. FTP takes only the renditions subscribers use (the original and the
 * crops), not the newsroom's own previews.
 */
import { type Doc, isDoc } from "../../storage/document_store.ts";
import { PICTURE_RENDITIONS } from "../../media/rendition_specs.ts";

/** One binary to send. */
export interface PublishedMedia {
  /** The media id in the media storage. */
  media: string;
  mimetype: string;
}

/** `text` (a formatted document) as an object; none when it is not a JSON object. */
export function formattedDocument(text: string): Doc | undefined {
  try {
    const item: unknown = JSON.parse(text);
    return isDoc(item) ? item : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The media of `item` (a formatted document, or the published copy it was formatted from) by
 * media id. `internal: false` leaves out the newsroom's own renditions (`thumbnail`,
 * `viewImage`, `baseImage`), as Superdesk does for FTP.
 */
export function publishedMedia(
  item: Doc | undefined,
  { internal }: { internal: boolean },
): Map<string, PublishedMedia> {
  const media = new Map<string, PublishedMedia>();
  if (!item) return media;
  addRenditions(media, item, internal);
  for (const association of docs(item.associations)) {
    addRenditions(media, association, internal);
    for (const nested of docs(association.associations)) addRenditions(media, nested, internal);
  }
  return media;
}

/** Superdesk's `get_rendition_file_name`: the media id and the extension of its type. */
export function renditionFileName(entry: PublishedMedia): string {
  const id = entry.media.replaceAll("/", "-");
  return /\.[^.\-]+$/.test(id) ? id : id + extensionOf(entry.mimetype);
}

function addRenditions(media: Map<string, PublishedMedia>, item: Doc, internal: boolean): void {
  const renditions = isDoc(item.renditions) ? item.renditions : {};
  const original = isDoc(renditions.original) ? renditions.original : {};
  for (const [name, rendition] of Object.entries(renditions)) {
    if (!internal && name in PICTURE_RENDITIONS) continue;
    if (!isDoc(rendition) || typeof rendition.media !== "string" || !rendition.media) continue;
    const mimetype = rendition.mimetype ?? original.mimetype ?? item.mimetype;
    media.set(rendition.media, {
      media: rendition.media,
      mimetype: typeof mimetype === "string" ? mimetype : "",
    });
  }
}

/** Python's `guess_extension` as Superdesk's `guess_media_extension` adjusts it. */
const EXTENSIONS: Record<string, string> = {
  "image/jpeg": ".jpg",
  "image/png": ".png",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "image/tiff": ".tiff",
  "image/svg+xml": ".svg",
  "video/mp4": ".mp4",
  "video/quicktime": ".mov",
  "audio/mpeg": ".mp3",
  "audio/mp3": ".mp3",
  "audio/flac": ".flac",
  "application/pdf": ".pdf",
};

function extensionOf(mimetype: string): string {
  return EXTENSIONS[mimetype.split(";")[0]!.trim().toLowerCase()] ?? "";
}

function docs(value: unknown): Doc[] {
  return isDoc(value) ? Object.values(value).filter(isDoc) : [];
}
