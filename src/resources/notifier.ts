/**
 * How services announce changes: a function that publishes `{event, extra}` on the
 * notification bus. Injected, so services never know which bus (Redis or in-process) they got.
 */
export type Notify = (event: string, extra: Record<string, unknown>) => Promise<void>;

/** Used where no bus is wired (CLI one-shot commands). */
export const notifyNowhere: Notify = () => Promise.resolve();
