/**
 * The GeoNames web service (Superdesk's `superdesk/geonames.py`): a request with the account's
 * `username` (and `token`), answered JSON; and a GeoNames place as Superdesk's place
 * (`format_geoname_item`). An unreachable or failing service is a 502 naming it.
 */
import { HttpError } from "../errors.ts";
import type { Doc } from "../storage/document_store.ts";

/** The account and where the service is (`GEONAMES_URL`, `GEONAMES_USERNAME`, `GEONAMES_TOKEN`). */
export interface GeonamesAccount {
  url: string;
  username: string;
  token?: string;
}

const TIMEOUT_MS = 10_000;

/** GET `service` (e.g. `search`) with `params`; the answer's JSON. */
export async function geonamesRequest(
  account: GeonamesAccount,
  service: string,
  params: Array<[string, string]>,
): Promise<Doc> {
  const query = new URLSearchParams([["type", "json"], ["username", account.username]]);
  if (account.token) query.append("token", account.token);
  for (const [name, value] of params) query.append(name, value);
  const url = new URL(service, account.url.endsWith("/") ? account.url : `${account.url}/`);
  url.search = query.toString();
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new HttpError(502, `GeoNames could not be reached: ${(error as Error).message}`);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new HttpError(502, `GeoNames answered ${response.status} to "${service}"`);
  }
  try {
    return await response.json();
  } catch {
    throw new HttpError(502, `GeoNames answered "${service}" with something other than JSON`);
  }
}

/** A GeoNames place as Superdesk's place; a 502 for an entry that is not a place. */
export function formatGeonameItem(item: unknown): Doc {
  if (
    typeof item !== "object" || item === null || !("geonameId" in item) || !("name" in item) ||
    !Number.isFinite(Number((item as Doc).lat)) || !Number.isFinite(Number((item as Doc).lng))
  ) {
    throw new HttpError(502, "GeoNames answered a place without its id, name or coordinates");
  }
  return placeOf(item as Doc);
}

function placeOf(item: Doc): Doc {
  const geo: Doc = {
    scheme: "geonames",
    code: String(item.geonameId),
    name: item.name,
    state: item.adminName1 ?? "",
    region: item.adminName2 ?? "",
    country: item.countryName ?? "",
    state_code: item.adminCode1 ?? "",
    region_code: item.adminCode2 ?? "",
    country_code: item.countryCode ?? "",
    continent_code: item.continentCode ?? "",
    feature_class: item.fcl ?? null,
    location: { lat: Number(item.lat), lon: Number(item.lng) },
  };
  const zone = (item.timezone as Doc | undefined)?.timeZoneId;
  if (zone) geo.tz = zone;
  return geo;
}
