/**
 * Superdesk's `fahrenheit_to_celsius` macro (superdesk/macros/imperial): writes temperatures in
 * degrees Celsius, through the -40° both scales share.
 */
import { amounts, formatConverted, unitMacro } from "../unit_conversion.ts";

/** Converts temperature values from fahrenheit to celsius */
export const fahrenheitToCelsius = unitMacro({
  name: "fahrenheit_to_celsius",
  label: "Temperature °F to °C",
  description: "Converts temperature values from fahrenheit to celsius",
  group: "temperature",
  pattern:
    /(?<!\d)(\d+(?:(?:-\.?|\.)\d*)?)((\s*)(?!\s)|(-))((°?F)|((degrees)?\s*[fF]ahrenheit)|(degrees))\b/g,
  convert: (written, precision) => [
    amounts(written).map((f) => formatConverted((f + 40) / 1.8 - 40, precision)).join("-"),
    "degrees Celsius",
  ],
});
