/**
 * IPTC subject codes in ingest: the name of a code a feed gives without one (from the IPTC
 * Subject NewsCodes, `src/content/iptc_subject_codes.ts`) and the test for an 8-digit code.
 */
import { IPTC_SUBJECT_CODES } from "../../content/iptc_subject_codes.ts";

/** The IPTC name of an 8-digit subject code, or undefined for a code the IPTC does not list. */
export function subjectName(qcode: string): string | undefined {
  return IPTC_SUBJECT_CODES.get(qcode);
}

/** True for an 8-digit IPTC subject code. */
export function isSubjectCode(qcode: string): boolean {
  return /^\d{8}$/.test(qcode);
}
