/** Units a measured figure carries in normalised (lower-case, half-width) text. `g` is left out: 5g is a network. */
const UNITS = new Set([
  '%',
  '‰',
  'ppm',
  'ppb',
  'nm',
  'um',
  'μm',
  'mm',
  'cm',
  'm',
  'km',
  'mg',
  'kg',
  't',
  'ml',
  'l',
  'v',
  'kv',
  'mv',
  'a',
  'ma',
  'mah',
  'w',
  'kw',
  'mw',
  'wh',
  'kwh',
  'hz',
  'khz',
  'mhz',
  'ghz',
  'pa',
  'kpa',
  'mpa',
  'gpa',
  'h',
  'min',
  's',
  'ms',
  'c',
  '°c',
  'db',
]);

const FIGURE = /^[+-]?\d+(?:[.,]\d+)*(?:[-~]\d+(?:[.,]\d+)*)?(.*)$/;

/**
 * A bare number, percentage or measured value (85, 3.5, 85%, 500mpa, 10-20kv). Two records that both
 * contain "85" share a figure, not a topic (良率85% against 量子效率>85%). Codes that merely contain digits
 * (ti6al4v, mcf-7, 5g) are technical names and are not figures.
 */
export function isFigure(term: string): boolean {
  const match = FIGURE.exec(term.trim());
  if (!match) return false;
  const unit = match[1] ?? '';
  return unit === '' || UNITS.has(unit);
}
