// Parses the YAML body of a ```quiz block into a Quiz, or says on which line and why it is not one. The YAML is
// read with limits (size, nesting, no anchors or aliases, no tags outside the core schema): a lesson from a course
// folder is untrusted input.
import type * as Yaml from 'yaml';
import { parseTolerance } from './check';
import { QUIZ_TYPES, type Quiz, type QuizChoice, type QuizError, type QuizType } from './types';

/** Characters of one block's YAML, at most (our longest block has under 2,000). */
export const MAX_QUIZ_SOURCE = 16_000;
/** Choices of one question, at most. */
export const MAX_QUIZ_CHOICES = 12;
/** Characters of one markdown field (question, choice, hint, explanation, answer), at most. */
export const MAX_QUIZ_FIELD = 4_000;
/** Flow collections (`[…]`, `{…}`) nested in the source, at most; a question needs two. */
const MAX_FLOW_DEPTH = 8;

export const QUIZ_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SECTION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TOP_KEYS = new Set(['id', 'type', 'question', 'choices', 'answer', 'tolerance', 'unit', 'explanation']);
const CHOICE_KEYS = new Set(['text', 'correct', 'hint', 'section']);

class QuizFail extends Error {
  constructor(
    readonly yamlLine: number,
    reason: string,
  ) {
    super(reason);
  }
}

type Path = (string | number)[];

interface Reader {
  yaml: typeof Yaml;
  doc: Yaml.Document.Parsed;
  lines: Yaml.LineCounter;
}

type Ranged = { range?: [number, number, number] | null };

/** 1-based line (within the YAML) of the key (or list item) at `path`, or of its nearest parent that has one. */
function lineAt(r: Reader, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const parent = n > 0 ? r.doc.getIn(path.slice(0, n - 1), true) : undefined;
    const key = path[n - 1];
    const pair = r.yaml.isMap(parent)
      ? parent.items.find((p) => r.yaml.isScalar(p.key) && p.key.value === key)
      : undefined;
    const node = ((pair?.key as Ranged | undefined) ?? r.doc.getIn(path.slice(0, n), true)) as Ranged | undefined;
    if (node?.range) return r.lines.linePos(node.range[0]).line;
  }
  return 1;
}

function fail(r: Reader, path: Path, reason: string): never {
  throw new QuizFail(lineAt(r, path), reason);
}

/** Deepest nesting of `[`/`{` outside quoted strings, stopping early past the limit. */
function flowDepth(source: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < source.length && max <= MAX_FLOW_DEPTH; i++) {
    const c = source[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') while (i < source.length && source[i] !== '\n') i++;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '\n') quote = '';
  }
  return max;
}

function readYaml(source: string): Reader {
  if (source.length > MAX_QUIZ_SOURCE)
    throw new QuizFail(1, `the block has ${source.length} characters, more than ${MAX_QUIZ_SOURCE}`);
  if (flowDepth(source) > MAX_FLOW_DEPTH) throw new QuizFail(1, `[ ] and { } nested more than ${MAX_FLOW_DEPTH} deep`);
  // Required on first use, not imported: the YAML parser is not evaluated before a lesson needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('yaml') as typeof Yaml;
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(source, { lineCounter: lines, schema: 'core', uniqueKeys: true, prettyErrors: true });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem)
    throw new QuizFail(
      problem.linePos?.[0].line ?? 1,
      `YAML: ${problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  const r = { yaml, doc, lines };
  yaml.visit(doc, {
    Alias: (_k, node) => fail(r, [], `aliases (*${node.source}) are not allowed`) as never,
    Pair: (_k, pair) => {
      if (!yaml.isScalar(pair.key)) fail(r, [], 'keys must be plain words, not lists or maps');
    },
    Node: (_k, node) => {
      if (node.anchor)
        throw new QuizFail(node.range ? lines.linePos(node.range[0]).line : 1, 'anchors (&) are not allowed');
      if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:'))
        throw new QuizFail(node.range ? lines.linePos(node.range[0]).line : 1, `the tag ${node.tag} is not allowed`);
    },
  });
  return r;
}

function text(r: Reader, obj: Record<string, unknown>, key: string, path: Path, required: boolean): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (required) fail(r, path, `'${key}' is missing`);
    return undefined;
  }
  if (typeof v !== 'string' && typeof v !== 'number') fail(r, [...path, key], `'${key}' must be text`);
  const s = String(v).trim();
  if (required && !s) fail(r, [...path, key], `'${key}' is empty`);
  if (s.length > MAX_QUIZ_FIELD) fail(r, [...path, key], `'${key}' is longer than ${MAX_QUIZ_FIELD} characters`);
  return s || undefined;
}

function plainObject(r: Reader, v: unknown, path: Path, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(r, path, `${what} must be key: value pairs`);
  return v as Record<string, unknown>;
}

function checkKeys(r: Reader, obj: Record<string, unknown>, allowed: Set<string>, path: Path, what: string): void {
  for (const k of Object.keys(obj))
    if (!allowed.has(k)) fail(r, [...path, k], `unknown key '${k}' in ${what} (${[...allowed].join(', ')})`);
}

function readChoice(r: Reader, raw: unknown, i: number): QuizChoice {
  const path: Path = ['choices', i];
  const obj = plainObject(r, raw, path, `choice ${i + 1}`);
  checkKeys(r, obj, CHOICE_KEYS, path, `choice ${i + 1}`);
  if (obj.correct !== undefined && typeof obj.correct !== 'boolean')
    fail(r, [...path, 'correct'], `'correct' of choice ${i + 1} must be true or false`);
  const section = text(r, obj, 'section', path, false);
  if (section !== undefined && !SECTION_ID.test(section.replace(/^#/, '')))
    fail(r, [...path, 'section'], `'section' of choice ${i + 1} must be a section id such as confounder`);
  const choice: QuizChoice = { text: text(r, obj, 'text', path, true)!, correct: obj.correct === true };
  const hint = text(r, obj, 'hint', path, false);
  if (hint) choice.hint = hint;
  if (section) choice.section = section.replace(/^#/, '');
  return choice;
}

function readChoices(r: Reader, obj: Record<string, unknown>, type: 'single' | 'multiple'): QuizChoice[] {
  const raw = obj.choices;
  if (!Array.isArray(raw)) fail(r, ['choices'], `a ${type} choice question needs a 'choices' list`);
  if (raw.length < 2 || raw.length > MAX_QUIZ_CHOICES)
    fail(r, ['choices'], `${raw.length} choices: a question has 2 to ${MAX_QUIZ_CHOICES}`);
  const choices = raw.map((c, i) => readChoice(r, c, i));
  const correct = choices.filter((c) => c.correct).length;
  if (correct === 0) fail(r, ['choices'], 'no choice is marked correct: true');
  if (type === 'single' && correct > 1)
    fail(
      r,
      ['choices'],
      `${correct} choices are marked correct: a single choice question has one (or use type: multiple)`,
    );
  return choices;
}

function notFor(r: Reader, obj: Record<string, unknown>, keys: string[], type: QuizType): void {
  for (const k of keys) if (obj[k] !== undefined) fail(r, [k], `'${k}' does not belong in a ${type} question`);
}

function readQuiz(r: Reader, line: number): Quiz {
  const obj = plainObject(r, r.doc.toJS({ maxAliasCount: 0 }), [], 'a quiz block');
  checkKeys(r, obj, TOP_KEYS, [], 'a quiz block');
  const id = text(r, obj, 'id', [], true)!;
  if (!QUIZ_ID.test(id) || id.length > 64)
    fail(r, ['id'], `the id '${id}' must be lowercase ASCII letters, digits and hyphens (at most 64)`);
  const type = obj.type as QuizType;
  if (!QUIZ_TYPES.includes(type))
    fail(r, ['type'], `unknown type '${String(obj.type ?? '')}' (single, multiple, number or open)`);
  const base = { id, question: text(r, obj, 'question', [], true)!, line };
  const explanation = text(r, obj, 'explanation', [], type !== 'open');
  const withExplanation = explanation ? { explanation } : {};
  if (type === 'single' || type === 'multiple') {
    notFor(r, obj, ['answer', 'tolerance', 'unit'], type);
    return { ...base, type, choices: readChoices(r, obj, type), ...withExplanation };
  }
  notFor(r, obj, ['choices'], type);
  if (type === 'open') {
    notFor(r, obj, ['tolerance', 'unit'], type);
    return { ...base, type, answer: text(r, obj, 'answer', [], true)!, ...withExplanation };
  }
  if (typeof obj.answer !== 'number' || !Number.isFinite(obj.answer))
    fail(
      r,
      ['answer'],
      `'answer' must be a number written with a point (0.36), not ${JSON.stringify(obj.answer ?? null)}`,
    );
  if (obj.tolerance === undefined) fail(r, [], `'tolerance' is missing (0.01 absolute, or "2%" relative)`);
  const tolerance = parseTolerance(obj.tolerance);
  if (!tolerance)
    fail(
      r,
      ['tolerance'],
      `'tolerance' is not a number: ${JSON.stringify(obj.tolerance)} (0.01 absolute, or "2%" relative)`,
    );
  const unit = text(r, obj, 'unit', [], false);
  if (unit && unit.length > 32) fail(r, ['unit'], `'unit' is longer than 32 characters`);
  return { ...base, type, answer: obj.answer, tolerance, ...(unit ? { unit } : {}), ...withExplanation };
}

/**
 * Parses the body of a ```quiz block whose opening fence is on 1-based line `line` of the file (the YAML starts on
 * the next line). Returns the question, or where (a line of the file) and why the block is not one.
 */
export function parseQuizBlock(source: string, line: number): Quiz | QuizError {
  try {
    return readQuiz(readYaml(source), line);
  } catch (e) {
    if (e instanceof QuizFail) return { line: line + e.yamlLine, reason: e.message };
    // The YAML library's own limits (stack, aliases) end here too: still a reason, never a thrown render.
    return { line: line + 1, reason: `YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}

/** Whether parseQuizBlock returned an error. */
export function isQuizError(q: Quiz | QuizError): q is QuizError {
  return 'reason' in q;
}
