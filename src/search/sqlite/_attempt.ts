/** Runs synchronous `node:sqlite` work as a promise, so its errors reject instead of throwing. */
export function attempt<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}
