/**
 * The newsroom's settings (Superdesk's `CONTENT_EXPIRY_MINUTES`, `SPIKE_EXPIRY_MINUTES` and
 * `DEFAULT_SOURCE_VALUE_FOR_MANUAL_ARTICLES`), given to `createNewsroomModule` by whoever
 * builds the process.
 */

/** Expiry settings; 0 minutes means never. */
export interface NewsroomOptions {
  /** Expiry of content whose stage and desk set none (Superdesk's default: 0, never). */
  contentExpiryMinutes: number;
  /** Expiry of spiked content; when unset, the stage, desk or content expiry applies. */
  spikeExpiryMinutes?: number;
  /** `source` of new content whose desk names none. */
  defaultSource: string;
}

/** Superdesk's defaults. */
export const DEFAULT_NEWSROOM_OPTIONS: Readonly<NewsroomOptions> = Object.freeze({
  contentExpiryMinutes: 0,
  defaultSource: "Superdesk",
});
