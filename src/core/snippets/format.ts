import { Cell, Language, LocalText } from './types';

/** Picks the text in the given language. */
export function pick(text: LocalText, language: Language): string {
  return text[language];
}

/** Both languages at once, for code that builds result text. */
export function t(en: string, vi: string): LocalText {
  return { en, vi };
}

/**
 * A number for tables and summaries: 4 significant digits, exponent form when very large or
 * small, whole numbers as they are, ∞ for infinities and an em dash for NaN (never "NaN").
 */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return '—';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (Object.is(x, -0) || x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-4) return x.toExponential(digits - 1).replace(/e\+?/, 'e');
  return String(Number(x.toPrecision(digits)));
}

/** A p-value: 3 significant digits, "< 1e-16" below double precision's resolution. */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return '—';
  if (p < 1e-16) return '< 1e-16';
  if (p < 1e-4) return p.toExponential(2).replace(/e\+?/, 'e');
  return String(Number(p.toPrecision(3)));
}

/** Formats a cell for display in the given language. */
export function formatCell(cell: Cell, language: Language): string {
  if (typeof cell === 'number') return formatNumber(cell);
  if (typeof cell === 'string') return cell;
  return cell[language];
}
