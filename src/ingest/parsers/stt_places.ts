/**
 * STT's location metadata (Superdesk's `STTNewsMLFeedParser`, "location"): each
 * `<assert qcode="sttlocmeta:…">` is a place of scheme `sttlocmeta`, its code the qcode's last
 * part, its `name` the assert's; the `cpnat:geoArea` areas it is inside give the locality, state,
 * country and world region, each as a code and a name.
 */
import type { Doc } from "../../storage/document_store.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import { attr, childElement, descendants, textOf } from "../../xml/xml_query.ts";

/** STT's area schemes and the place fields their code and name go to. */
const AREA_FIELDS: ReadonlyArray<[scheme: string, code: string, name: string]> = [
  ["sttcity", "locality_code", "locality"],
  ["sttstate", "state_code", "state"],
  ["sttcountry", "country_code", "country"],
  ["wldreg", "world_region_code", "world_region"],
];

/** The places of the `sttlocmeta` asserts under `root`, in document order. */
export function sttPlaces(root: XmlElement): Doc[] {
  const places: Doc[] = [];
  for (const assert of descendants(root, "assert")) {
    const qcode = attr(assert, "qcode");
    if (!qcode?.startsWith("sttlocmeta:")) continue;
    const place: Doc = { scheme: "sttlocmeta", qcode: qcode.split(":").pop()! };
    const name = childElement(assert, "name");
    if (name) place.name = textOf(name);
    for (const broader of descendants(assert, "broader")) {
      const area = attr(broader, "qcode");
      if (!area || attr(broader, "type") !== "cpnat:geoArea") continue;
      for (const [scheme, codeField, nameField] of AREA_FIELDS) {
        if (!area.startsWith(`${scheme}:`)) continue;
        place[codeField] = area.slice(scheme.length + 1);
        place[nameField] = textOf(childElement(broader, "name"));
      }
    }
    places.push(place);
  }
  return places;
}
