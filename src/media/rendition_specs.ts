/**
 * Superdesk's default `RENDITIONS` (`superdesk/default_settings.py`): the boxes pictures of
 * items (`picture`) and uploads such as avatars (`avatar`) are fitted in.
 */
import type { RenditionSize } from "./image_protocol.ts";

/** Renditions of a media item's picture. */
export const PICTURE_RENDITIONS: Readonly<Record<string, RenditionSize>> = Object.freeze({
  thumbnail: { width: 220, height: 120 },
  viewImage: { width: 640, height: 640 },
  baseImage: { width: 1400, height: 1400 },
});

/** Renditions of an upload (`/api/upload`: avatars and other pictures of the client). */
export const AVATAR_RENDITIONS: Readonly<Record<string, RenditionSize>> = Object.freeze({
  thumbnail: { width: 60, height: 60 },
  viewImage: { width: 200, height: 200 },
});
