/**
 * The macros we ship, Superdesk's stock ones (superdesk-core `superdesk/macros`, the default
 * `MACROS_MODULE`), registered by the macros module in this order. Those Superdesk ships that
 * need what we do not have are named in README ("Macros").
 */
import type { Macro } from "../../app_api.ts";
import { extractHtml } from "./extract_html.ts";
import { acreToMetric } from "./imperial/acre_to_metric.ts";
import { cubicFeetToMetric } from "./imperial/cubic_feet_to_metric.ts";
import { cubicInchesToMetric } from "./imperial/cubic_inches_to_metric.ts";
import { cubicYardToMetric } from "./imperial/cubic_yard_to_metric.ts";
import { fahrenheitToCelsius } from "./imperial/fahrenheit_to_celsius.ts";
import { feetInchesToMetric } from "./imperial/feet_inches_to_metric.ts";
import { milesToMetric } from "./imperial/miles_to_metric.ts";
import { nauticalMilesToMetric } from "./imperial/nautical_miles_to_metric.ts";
import { poundsToMetric } from "./imperial/pounds_to_metric.ts";
import { squareFeetToMetric } from "./imperial/square_feet_to_metric.ts";
import { squareInchToMetric } from "./imperial/square_inch_to_metric.ts";
import { squareMileToMetric } from "./imperial/square_mile_to_metric.ts";
import { squareYardToMetric } from "./imperial/square_yard_to_metric.ts";
import { yardsToMetric } from "./imperial/yards_to_metric.ts";
import { populateAbstract } from "./populate_abstract.ts";
import {
  setDefaultTemplateMetadata,
  type TemplateMetadataFields,
} from "./set_default_template_metadata.ts";
import { takeKeyValidator } from "./take_key_validator.ts";
import { usdToCad } from "./usd_to_cad.ts";

/** What the built-in macros take from the settings. */
export interface BuiltinMacroSettings {
  /** `USD_TO_CAD_RATE`, as written. */
  usdToCadRate: string | undefined;
  /** `DEFAULT_TEMPLATE_METADATA_MACRO_EXCLUDE` and `_OVERRIDE`. */
  templateMetadata: TemplateMetadataFields;
}

/** Every built-in macro. */
export function builtinMacros({ usdToCadRate, templateMetadata }: BuiltinMacroSettings): Macro[] {
  return [
    usdToCad(usdToCadRate),
    populateAbstract,
    extractHtml,
    takeKeyValidator,
    setDefaultTemplateMetadata(templateMetadata),
    acreToMetric,
    squareFeetToMetric,
    squareInchToMetric,
    squareMileToMetric,
    squareYardToMetric,
    feetInchesToMetric,
    milesToMetric,
    nauticalMilesToMetric,
    yardsToMetric,
    fahrenheitToCelsius,
    cubicFeetToMetric,
    cubicInchesToMetric,
    cubicYardToMetric,
    poundsToMetric,
  ];
}
