/**
 * The registered feed parsers by name (Superdesk's `registered_feed_parsers`), and which parsers
 * each feeding service accepts (`restricted_feeding_service_parsers`).
 */
import { afpNewsml12Parser, afpNewsmlNewParser } from "./afp_newsml_parsers.ts";
import { anaNewsmlParser } from "./ana_newsml_parser.ts";
import { anpaParser } from "./anpa_parser.ts";
import { apAnpaParser } from "./ap_anpa_parser.ts";
import { bbcNinjsParser } from "./bbc_ninjs_parser.ts";
import { iptc7901Parser } from "./iptc7901_parser.ts";
import { dpaIptc7901Parser } from "./dpa_iptc7901_parser.ts";
import { dpaNewsmlParser } from "./dpa_newsml_parser.ts";
import { efeNitfParser } from "./efe_nitf_parser.ts";
import { emailParser } from "./email_parser.ts";
import type { FeedParser } from "./feed_parser.ts";
import { newsml12Parser } from "./newsml_1_2_parser.ts";
import { newsmlG2Parser } from "./newsml_g2_parser.ts";
import { ninjsParser } from "./ninjs_parser.ts";
import { nitfParser } from "./nitf_parser.ts";
import { paNitfParser } from "./pa_nitf_parser.ts";
import { ritzauParser } from "./ritzau_parser.ts";
import { rssParser } from "./rss_parser.ts";
import { scoopNewsmlParser } from "./scoop_newsml_parser.ts";
import { sttNewsmlParser } from "./stt_newsml_parser.ts";
import { wennParser } from "./wenn_parser.ts";

/** Every parser, by name. */
export const FEED_PARSERS: ReadonlyMap<string, FeedParser> = new Map(
  [
    newsmlG2Parser,
    dpaNewsmlParser,
    scoopNewsmlParser,
    sttNewsmlParser,
    newsml12Parser,
    afpNewsml12Parser,
    afpNewsmlNewParser,
    anaNewsmlParser,
    ninjsParser,
    bbcNinjsParser,
    nitfParser,
    paNitfParser,
    efeNitfParser,
    anpaParser,
    apAnpaParser,
    iptc7901Parser,
    dpaIptc7901Parser,
    ritzauParser,
    rssParser,
    wennParser,
    emailParser,
  ].map((
    parser,
  ) => [parser.name, parser]),
);

/** The parser named `name`, or undefined. */
export function feedParser(name: string | null | undefined): FeedParser | undefined {
  return name ? FEED_PARSERS.get(name) : undefined;
}

/**
 * The parsers of agency files picked up from a folder or an FTP server (the `file` service adds
 * mail's, `email_rfc822`).
 */
export const AGENCY_FILE_PARSERS: readonly string[] = [
  "newsml2",
  "dpanewsml",
  "scoop_newsml2",
  "sttnewsml",
  "newsml12",
  "afpnewsml12",
  "afpnewsmlnew",
  "ananewsml12",
  "nitf",
  "pa_nitf",
  "efe_nitf",
  "ninjs",
  "bbc_ninjs",
  "anpa1312",
  "ap_anpa1312",
  "iptc7901",
  "dpa_iptc7901",
  "ritzau",
  "rss",
  "wenn",
];
