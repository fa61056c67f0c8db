/**
 * AFP's NewsML parsers (Superdesk's `afp_newsml_1_2.py` and `afp_newsml_1_2_new.py`), variants of
 * the NewsML 1.2 parser. `afpnewsml12` reads AFP's NewsML 1.2 as `newsml12` does: Superdesk's
 * subclass only makes the dates zoned (UTC), which ours always are. `afpnewsmlnew` takes AFP's
 * newer feed, a `NewsML` document of any version whose story is a nested component: its body is
 * the content of the first `NewsComponent/NewsComponent/ContentItem/DataContent`.
 */
import { firstAt } from "../../xml/xml_query.ts";
import type { FeedParser } from "./feed_parser.ts";
import { isNewsml12, newsmlOneParser, nitfBodyContent } from "./newsml_1_2_parser.ts";

/** The `afpnewsml12` parser. */
export const afpNewsml12Parser: FeedParser = newsmlOneParser({
  name: "afpnewsml12",
  label: "AFP News ML 1.2 Parser",
  accepts: isNewsml12,
  bodyOf: nitfBodyContent,
});

/** The `afpnewsmlnew` parser. */
export const afpNewsmlNewParser: FeedParser = newsmlOneParser({
  name: "afpnewsmlnew",
  label: "AFP News ML New Parser",
  accepts: (root) => root.local === "NewsML",
  bodyOf: (newsItem) => firstAt(newsItem, "NewsComponent/NewsComponent/ContentItem/DataContent"),
});
