/**
 * Names of the 17 top-level IPTC subject codes (the IPTC Subject NewsCodes vocabulary, public),
 * used when a feed gives a subject code without a name. Superdesk ships the full vocabulary;
 * we keep the top level and take other names from the feed itself (see README, deviations).
 */

const TOP_LEVEL: Readonly<Record<string, string>> = {
  "01000000": "arts, culture and entertainment",
  "02000000": "crime, law and justice",
  "03000000": "disaster and accident",
  "04000000": "economy, business and finance",
  "05000000": "education",
  "06000000": "environmental issue",
  "07000000": "health",
  "08000000": "human interest",
  "09000000": "labour",
  "10000000": "lifestyle and leisure",
  "11000000": "politics",
  "12000000": "religion and belief",
  "13000000": "science and technology",
  "14000000": "social issue",
  "15000000": "sport",
  "16000000": "unrest, conflicts and war",
  "17000000": "weather",
};

/** The name of an 8-digit subject code when we know it. */
export function subjectName(qcode: string): string | undefined {
  return TOP_LEVEL[qcode];
}

/** True for an 8-digit IPTC subject code. */
export function isSubjectCode(qcode: string): boolean {
  return /^\d{8}$/.test(qcode);
}
