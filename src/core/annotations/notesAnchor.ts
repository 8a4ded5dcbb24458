// An entry's anchor line: `<!-- il:annotation v1 {json} -->`, one line of JSON inside an HTML comment, so that
// markdown viewers hide it and a diff shows one changed line per changed anchor.
import { HIGHLIGHT_COLORS, type Annotation, type HighlightColor } from './types';

/** The version written in every anchor line; a file with a newer one is read-only for this extension. */
export const NOTES_FORMAT_VERSION = 1;

/** Past this, an anchor line is not read (a real one is a few hundred characters: the quote is not in it). */
export const MAX_ANCHOR_LINE_CHARS = 65_536;

const ID = /^[A-Za-z0-9_-]{4,32}$/;
const HEAD = /^<!--[ \t]*il:annotation[ \t]+v(\d{1,9})(?=[ \t{])/;

/**
 * JSON for inside an HTML comment: no `--` (so nothing can close the comment; `-` then becomes `\u002d`), and
 * the characters editors treat as line breaks are escaped, so the anchor stays one line.
 */
export function commentSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/-(?=-)/g, '\\u002d')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/\u0085/g, '\\u0085');
}

/** The anchor's fields, in the order they are written. */
export function anchorFields(a: Annotation): Record<string, unknown> {
  const fields: Record<string, unknown> = { id: a.id, color: a.color };
  if (a.section !== undefined) fields.section = a.section;
  fields.start = a.start;
  fields.end = a.end;
  fields.prefix = a.prefix;
  fields.suffix = a.suffix;
  if (a.created !== undefined) fields.created = a.created;
  return fields;
}

export function formatAnchorLine(fields: Record<string, unknown>): string {
  return `<!-- il:annotation v${NOTES_FORMAT_VERSION} ${commentSafeJson(fields)} -->`;
}

/** What an anchor line holds, or why it cannot be read. `fields` is the JSON object as parsed (own keys only). */
export type AnchorLine =
  | { ok: true; version: number; fields: Record<string, unknown> }
  | { ok: false; version: number | undefined; problem: string };

export function readAnchorLine(line: string): AnchorLine {
  if (line.length > MAX_ANCHOR_LINE_CHARS)
    return {
      ok: false,
      version: undefined,
      problem: `the anchor line is longer than ${MAX_ANCHOR_LINE_CHARS} characters`,
    };
  const head = HEAD.exec(line);
  if (!head) return { ok: false, version: undefined, problem: 'expected `<!-- il:annotation v1 {…} -->`' };
  const version = Number(head[1]);
  const rest = line.slice(head[0].length).trimEnd();
  if (!rest.endsWith('-->')) return { ok: false, version, problem: 'the anchor line does not end with `-->`' };
  const body = rest.slice(0, -3);
  if (body.includes('--'))
    return { ok: false, version, problem: 'the JSON contains `--`, which ends the comment early' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    return { ok: false, version, problem: `the JSON is not valid (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, version, problem: 'the JSON is not an object' };
  return { ok: true, version, fields: parsed as Record<string, unknown> };
}

/** The anchor's part of an annotation (everything but the quote and the note), with what was wrong in it. */
export interface AnchorValues {
  values?: Pick<Annotation, 'id' | 'color' | 'section' | 'prefix' | 'suffix' | 'start' | 'end' | 'created'>;
  errors: string[];
  warnings: string[];
}

const own = (o: Record<string, unknown>, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
const isOffset = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Checks the fields: a missing or invalid id or position is an error; a bad colour or text field, a warning. */
export function anchorValues(fields: Record<string, unknown>): AnchorValues {
  const errors: string[] = [];
  const warnings: string[] = [];
  const id = own(fields, 'id');
  if (typeof id !== 'string' || !ID.test(id)) errors.push('"id" must be 4 to 32 characters of A-Z, a-z, 0-9, _ and -');
  const start = own(fields, 'start');
  const end = own(fields, 'end');
  if (!isOffset(start) || !isOffset(end) || end < start)
    errors.push('"start" and "end" must be whole numbers with 0 ≤ start ≤ end');
  let color = own(fields, 'color');
  if (!HIGHLIGHT_COLORS.includes(color as HighlightColor)) {
    warnings.push(`"color" must be one of ${HIGHLIGHT_COLORS.join(', ')}; shown as yellow`);
    color = 'yellow';
  }
  const text = (key: string): string | undefined => {
    const v = own(fields, key);
    if (v === undefined || typeof v === 'string') return v;
    warnings.push(`"${key}" must be a string; ignored`);
    return undefined;
  };
  const section = text('section');
  const prefix = text('prefix') ?? '';
  const suffix = text('suffix') ?? '';
  const created = text('created');
  if (errors.length) return { errors, warnings };
  const values = {
    id: id as string,
    color: color as HighlightColor,
    prefix,
    suffix,
    start: start as number,
    end: end as number,
  };
  return {
    values: { ...values, ...(section !== undefined && { section }), ...(created !== undefined && { created }) },
    errors,
    warnings,
  };
}
