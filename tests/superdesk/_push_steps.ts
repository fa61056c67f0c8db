/**
 * Steps of features/http_push.feature: Superdesk's tests answer HTTP push with `requests_mock`
 * (`mock://publish`, `mock://assets`); ours push to a real HTTP receiver on loopback
 * (`tests/publish/_receivers.ts`) that the destination's `mock://` URLs are pointed at.
 */
import assert from "node:assert/strict";
import { type HttpReceiver, startHttpReceiver } from "../publish/_receivers.ts";
import { type Json, jsonMatch } from "./json_match.ts";
import type { Scenario } from "./scenario.ts";

/** A receiver standing for `requests_mock`, and the requests of the last transmission. */
export class PushMock {
  readonly receiver: HttpReceiver = startHttpReceiver();

  /** `text` with its `mock://` URLs pointing at the receiver. */
  urls(text: string): string {
    return text.replaceAll("mock://", `${this.receiver.url}/`);
  }

  /** `we transmit published`: sends every due queue entry; its requests alone are kept. */
  async transmitPublished(s: Scenario): Promise<void> {
    this.receiver.arrivals.length = 0;
    this.receiver.received.length = 0;
    await s.transmitItems();
  }

  /** `we pushed <count> items`: that many requests, each matching the text's item in turn. */
  pushed(s: Scenario, count: number, text?: string): void {
    const { arrivals } = this.receiver;
    assert.equal(arrivals.length, count, `there were ${arrivals.length} calls`);
    if (!text) return;
    (s.json(text) as Json[]).forEach((expected, i) => {
      const actual = JSON.parse(arrivals[i]!.body);
      const mismatch = jsonMatch(expected, actual);
      assert.equal(mismatch, null, `item[${i}]: ${mismatch}\n${JSON.stringify(actual)}`);
    });
  }

  close(): Promise<void> {
    return this.receiver.close();
  }
}
