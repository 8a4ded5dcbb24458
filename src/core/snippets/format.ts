import { Cell, Language, LocalText } from './types';

/** Picks the text in the given language. */
export function pick(text: LocalText, language: Language): string {
  return text[language];
}

/** Both languages at once, for code that builds result text. */
export function t(en: string, vi: string): LocalText {
  return { en, vi };
}

/** Significant digits of the estimates and standard errors of a coefficient table (as R's coefficient table). */
export const ESTIMATE_DIGITS = 6;

/** Most digits a double needs: 17 significant digits always read back as the same double. */
const MAX_DIGITS = 17;

/**
 * A number for display in tables and summaries: `digits` significant digits (4 unless told), exponent form
 * when very large or small, whole numbers as they are, ∞ for infinities and an em dash for NaN (never "NaN").
 * A value that is not a whole number never shows as one: 0.99999997 is "0.99999997", not "1", and 1e-12 is
 * "1.000e-12", not "0" (more digits, up to 17, until the text differs from the integer). Locale-independent:
 * always "." and ASCII digits, so it pastes into code.
 */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return '—';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-4) return x.toExponential(digits - 1).replace(/e\+?/, 'e');
  return notAnInteger(x, digits);
}

/** `x` (not an integer) rounded to `digits` significant digits, or to more if that rounding is an integer. */
function notAnInteger(x: number, digits: number): string {
  for (let d = Math.max(1, Math.min(digits, MAX_DIGITS)); d <= MAX_DIGITS; d++) {
    const rounded = Number(x.toPrecision(d));
    if (!Number.isInteger(rounded)) return String(rounded);
  }
  return String(x);
}

/**
 * A number at full precision, for Copy as Markdown and a cell's hover: the shortest decimal that reads back
 * as the same double (`String(x)`, at most 17 significant digits: 0.1 stays "0.1", not
 * "0.10000000000000001"), so `Number(text) === x`. Locale-independent ("." and "e" for the exponent);
 * infinities and NaN as in {@link formatNumber}.
 */
export function formatFull(x: number): string {
  if (!Number.isFinite(x)) return formatNumber(x);
  return String(x);
}

/**
 * A p-value: 3 significant digits, "< 1e-16" below double precision's resolution; like {@link formatNumber},
 * never "1" or "0" unless it is exactly that.
 */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return '—';
  if (p < 1e-16) return '< 1e-16';
  if (p < 1e-4) return p.toExponential(2).replace(/e\+?/, 'e');
  if (Number.isInteger(p)) return String(p);
  return notAnInteger(p, 3);
}

/** Formats a cell for display in the given language (numbers with `digits` significant digits, see formatNumber). */
export function formatCell(cell: Cell, language: Language, digits?: number): string {
  if (typeof cell === 'number') return formatNumber(cell, digits);
  if (typeof cell === 'string') return cell;
  return cell[language];
}

/** Formats a cell for copying: numbers at full precision (see formatFull), text as in formatCell. */
export function formatCellFull(cell: Cell, language: Language): string {
  return typeof cell === 'number' ? formatFull(cell) : formatCell(cell, language);
}
