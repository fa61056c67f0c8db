/** How the log shipper reaches the log server: a batch of lines at a time. */
export interface Transport {
  /** True while a connection is open (always true for datagrams). */
  readonly connected: boolean;
  /** Sends `lines` (oldest first); rejects when they could not be handed to the network. */
  send(lines: string[]): Promise<void>;
  /** Closes the connection; a send in flight rejects. */
  close(): void;
}
