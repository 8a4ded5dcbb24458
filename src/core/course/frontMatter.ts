import type * as Yaml from 'yaml';

/** Metadata of a lesson, from its YAML front matter. Every field is optional in foreign course files. */
export interface LessonMeta {
  id?: string;
  order?: number;
  title?: string;
  summary?: string;
  objectives?: string[];
  minutes?: number;
  difficulty?: 'beginner' | 'intermediate' | 'advanced';
  prerequisites?: string[];
}

export interface FrontMatterResult {
  meta: LessonMeta;
  /** The markdown after the front matter. */
  body: string;
  /** Lines taken by the front matter, so body line n is file line n + bodyLine. */
  bodyLine: number;
  problems: string[];
}

const FENCE = /^---[ \t]*\r?\n/;

/** Splits YAML front matter (`---` … `---`) from the body. Malformed YAML is reported, never thrown. */
export function parseFrontMatter(text: string): FrontMatterResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!FENCE.test(src)) return { meta: {}, body: src, bodyLine: 0, problems: [] };
  const close = /\r?\n---[ \t]*(?:\r?\n|$)/g;
  close.lastIndex = 3;
  const m = close.exec(src);
  if (!m) return { meta: {}, body: src, bodyLine: 0, problems: ['front matter: no closing ---'] };
  const yamlText = src.slice(src.indexOf('\n') + 1, m.index);
  const body = src.slice(m.index + m[0].length);
  const bodyLine = countLines(src.slice(0, m.index + m[0].length));
  const known = parsedYaml.get(yamlText);
  if (known) return { meta: known.meta, body, bodyLine, problems: [...known.problems] };
  const parsed = parseYamlMeta(yamlText);
  parsedYaml.set(yamlText, parsed);
  while (parsedYaml.size > 256) parsedYaml.delete(parsedYaml.keys().next().value as string);
  return { meta: parsed.meta, body, bodyLine, problems: [...parsed.problems] };
}

/**
 * The same front matter is parsed when the course loads and at every render of the lesson; the YAML
 * parse costs as much as a fifth of a render, so results are remembered by their text (read-only).
 */
const parsedYaml = new Map<string, { meta: Readonly<LessonMeta>; problems: readonly string[] }>();

function parseYamlMeta(yamlText: string): { meta: LessonMeta; problems: string[] } {
  const problems: string[] = [];
  let raw: unknown;
  try {
    // Required on first use, not imported: the YAML parser is not evaluated at activation.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('yaml') as typeof Yaml;
    raw = parse(yamlText, { maxAliasCount: 50, prettyErrors: true, logLevel: 'error' });
  } catch (e) {
    problems.push(`front matter: ${(e as Error).message.split('\n')[0]}`);
    return { meta: {}, problems };
  }
  if (raw == null) return { meta: {}, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('front matter: expected key: value pairs');
    return { meta: {}, problems };
  }
  return { meta: toMeta(raw as Record<string, unknown>, problems), problems };
}

function countLines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

function toMeta(raw: Record<string, unknown>, problems: string[]): LessonMeta {
  const meta: LessonMeta = {};
  const str = (k: string): string | undefined => {
    const v = raw[k];
    if (v == null) return undefined;
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    problems.push(`front matter: "${k}" should be text`);
    return undefined;
  };
  const num = (k: string): number | undefined => {
    const v = raw[k];
    if (v == null) return undefined;
    const n = typeof v === 'number' ? v : Number(v);
    if (Number.isFinite(n)) return n;
    problems.push(`front matter: "${k}" should be a number`);
    return undefined;
  };
  const list = (k: string): string[] | undefined => {
    const v = raw[k];
    if (v == null) return undefined;
    if (Array.isArray(v)) return v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String);
    if (typeof v === 'string') return [v];
    problems.push(`front matter: "${k}" should be a list`);
    return undefined;
  };
  meta.id = str('id');
  meta.order = num('order');
  meta.title = str('title');
  meta.summary = str('summary');
  meta.objectives = list('objectives');
  meta.minutes = num('minutes');
  const d = str('difficulty');
  if (d === 'beginner' || d === 'intermediate' || d === 'advanced') meta.difficulty = d;
  else if (d !== undefined) problems.push(`front matter: unknown difficulty "${d}"`);
  meta.prerequisites = list('prerequisites');
  for (const k of Object.keys(meta) as (keyof LessonMeta)[]) if (meta[k] === undefined) delete meta[k];
  return meta;
}
