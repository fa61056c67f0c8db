/**
 * The character an HTML numeric reference (`&#150;`, `&#x2013;`) stands for, as HTML reads it:
 * 0, surrogates and anything past U+10FFFF are U+FFFD, and 0x80-0x9F are read as Windows-1252
 * (`&#150;` is an en dash, as in text pasted from word processors), not as C1 controls.
 */

/** HTML's table for 0x80-0x9F (the five unassigned ones stay as they are). */
const WINDOWS_1252: Readonly<Record<number, number>> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};

/** The text of a numeric reference: its digits in base 10, or in base 16 after `x` or `X`. */
export function numericReference(digits: string): string {
  const hex = digits[0] === "x" || digits[0] === "X";
  const code = parseInt(hex ? digits.slice(1) : digits, hex ? 16 : 10);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
  return String.fromCodePoint(WINDOWS_1252[code] ?? code);
}
