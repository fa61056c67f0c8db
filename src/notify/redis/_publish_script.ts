/**
 * The one atomic publish step: XADD to the capped stream (MAXLEN), trim it by age (MINID against
 * the server clock), and PUBLISH `<entry id> <json>` on the channel, so the live message and
 * the replayable entry always carry the same id and a subscriber never sees one without the
 * other. Trimming is exact (`=`): notification rates are low and replay bounds stay precise.
 */

/** KEYS[1] stream; ARGV[1] JSON body, ARGV[2] max length, ARGV[3] max age ms, ARGV[4] channel. */
export const PUBLISH_SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '=', ARGV[2], '*', 'n', ARGV[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('XTRIM', KEYS[1], 'MINID', '=', string.format('%d', now - tonumber(ARGV[3])))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PUBLISH', ARGV[4], id .. ' ' .. ARGV[1])
return id
`;

/** SHA1 of the script, for EVALSHA. */
export async function scriptSha(script: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(script));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
