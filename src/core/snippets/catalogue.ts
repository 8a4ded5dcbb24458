import shipped from '../../../lessons/snippets.json';
import { LocalText, SnippetEntry, SnippetParams } from './types';

/** A parameter outside its range (or not a whole number where one is required). */
export class SnippetParameterError extends Error {
  constructor(
    readonly snippetId: string,
    readonly parameter: string,
    readonly value: number,
    readonly min: number,
    readonly max: number,
    readonly integer: boolean,
  ) {
    super(`${snippetId}: ${parameter} = ${value} is outside ${min}…${max}${integer ? ' or not a whole number' : ''}.`);
    this.name = 'SnippetParameterError';
  }
}

/** The id of a snippet that is not in the catalogue. */
export class UnknownSnippetError extends Error {
  constructor(readonly snippetId: string) {
    super(`There is no snippet "${snippetId}".`);
    this.name = 'UnknownSnippetError';
  }
}

/** Checks the catalogue's shape; returns problems as text (empty when valid). Used by tests and at load. */
export function validateCatalogue(data: unknown): string[] {
  const problems: string[] = [];
  const isText = (t: unknown): t is LocalText =>
    !!t &&
    typeof t === 'object' &&
    typeof (t as LocalText).en === 'string' &&
    typeof (t as LocalText).vi === 'string' &&
    (t as LocalText).en.length > 0 &&
    (t as LocalText).vi.length > 0;
  const snippets = (data as { snippets?: unknown })?.snippets;
  if (!Array.isArray(snippets)) return ['"snippets" must be an array'];
  const ids = new Set<string>();
  snippets.forEach((s: SnippetEntry, i) => {
    const where = `snippets[${i}]${s?.id ? ` (${s.id})` : ''}`;
    if (typeof s?.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.id)) problems.push(`${where}: bad id`);
    if (ids.has(s.id)) problems.push(`${where}: duplicate id`);
    ids.add(s.id);
    if (typeof s.lesson !== 'string') problems.push(`${where}: lesson missing`);
    for (const key of ['title', 'description', 'question'] as const)
      if (!isText(s[key])) problems.push(`${where}: ${key} needs en and vi`);
    if (!Array.isArray(s.parameters)) {
      problems.push(`${where}: parameters must be an array`);
      return;
    }
    const names = new Set<string>();
    for (const p of s.parameters) {
      const pw = `${where}.${p?.name}`;
      if (typeof p?.name !== 'string' || names.has(p.name)) problems.push(`${pw}: bad or duplicate name`);
      names.add(p.name);
      if (!isText(p.label)) problems.push(`${pw}: label needs en and vi`);
      if (![p.default, p.min, p.max].every(Number.isFinite)) problems.push(`${pw}: default/min/max must be numbers`);
      else if (!(p.min <= p.default && p.default <= p.max)) problems.push(`${pw}: default outside min…max`);
      if (p.integer && ![p.default, p.min, p.max].every(Number.isInteger))
        problems.push(`${pw}: integer parameter with fractional bounds`);
    }
  });
  return problems;
}

const problems = validateCatalogue(shipped);
if (problems.length) throw new Error(`lessons/snippets.json is invalid: ${problems.join('; ')}`);

/** The shipped snippet catalogue, in file order. */
export const SNIPPETS: readonly SnippetEntry[] = (shipped as { snippets: SnippetEntry[] }).snippets;

export function findSnippet(id: string): SnippetEntry | undefined {
  return SNIPPETS.find((s) => s.id === id);
}

/** Checks one value against a parameter's range; returns true when acceptable. */
export function isParameterValueValid(p: SnippetEntry['parameters'][number], value: number): boolean {
  return Number.isFinite(value) && value >= p.min && value <= p.max && (!p.integer || Number.isInteger(value));
}

/**
 * Fills in defaults and checks ranges: unknown keys are ignored, out-of-range values throw
 * SnippetParameterError. The result has every parameter of the snippet, in catalogue order.
 */
export function resolveParams(entry: SnippetEntry, params: Partial<SnippetParams> = {}): SnippetParams {
  const out: SnippetParams = {};
  for (const p of entry.parameters) {
    const v = params[p.name] ?? p.default;
    if (!isParameterValueValid(p, v)) throw new SnippetParameterError(entry.id, p.name, v, p.min, p.max, !!p.integer);
    out[p.name] = v;
  }
  return out;
}
