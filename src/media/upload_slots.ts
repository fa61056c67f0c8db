/**
 * The bound on uploads received at once (MEDIA_MAX_UPLOADS): each holds buffers, a storage
 * write and, for a picture, its bytes while renditions are made, so past the bound an upload is
 * refused at once with a 503 and a Retry-After, its body unread.
 */
import { ServiceUnavailableError } from "../errors.ts";

/** Seconds a refused client is asked to wait. */
const RETRY_AFTER_SECONDS = 5;

/** Counts uploads in progress. */
export class UploadSlots {
  readonly #max: number;
  #busy = 0;

  constructor(max: number) {
    this.#max = max;
  }

  /** Runs `work` in a slot; a 503 when all are taken. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#busy >= this.#max) {
      throw new ServiceUnavailableError(
        `${this.#max} uploads are in progress (MEDIA_MAX_UPLOADS): try again`,
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    }
    this.#busy++;
    try {
      return await work();
    } finally {
      this.#busy--;
    }
  }
}
