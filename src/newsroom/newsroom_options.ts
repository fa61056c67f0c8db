/**
 * The newsroom's settings (Superdesk's `CONTENT_EXPIRY_MINUTES`, `SPIKE_EXPIRY_MINUTES`,
 * `PUBLISHED_CONTENT_EXPIRY_MINUTES` and
 * `DEFAULT_*_VALUE_FOR_MANUAL_ARTICLES`), given to `createNewsroomModule` by whoever builds the
 * process.
 */
import type { ManualArticleDefaults } from "../config/config.ts";

/** Expiry settings; 0 minutes means never. */
export interface NewsroomOptions {
  /** Expiry of content whose stage and desk set none (Superdesk's default: 0, never). */
  contentExpiryMinutes: number;
  /** Expiry of spiked content; when unset, the stage, desk or content expiry applies. */
  spikeExpiryMinutes?: number;
  /** Expiry of published content over the stage's and desk's (`PUBLISHED_CONTENT_EXPIRY_MINUTES`). */
  publishedContentExpiryMinutes?: number;
  /** Content expires only once in the legal archive (`LEGAL_ARCHIVE`). */
  legalArchive?: boolean;
  /** Age of publish queue entries content expiry removes; 0 or unset never. */
  publishQueueExpiryMinutes?: number;
  /** `source` of new content whose desk names none. */
  defaultSource: string;
  /** `priority`, `urgency` and `genre` of content users create without them. */
  manualArticleDefaults: ManualArticleDefaults;
}

/** Superdesk's defaults. */
export const DEFAULT_NEWSROOM_OPTIONS: Readonly<NewsroomOptions> = Object.freeze({
  contentExpiryMinutes: 0,
  defaultSource: "Superdesk",
  manualArticleDefaults: Object.freeze({
    priority: 6,
    urgency: 3,
    genre: Object.freeze([Object.freeze({ qcode: "Article", name: "Article (news)" })]),
  }),
});
