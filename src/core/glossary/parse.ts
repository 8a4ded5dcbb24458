import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import {
  createGlossary,
  GLOSSARY_LANGUAGES,
  type Glossary,
  type GlossaryEntry,
  type GlossaryLanguage,
  type GlossaryProblem,
  type LocalizedText,
} from './types';

/** Larger files are refused before parsing: a glossary of 2,000 entries is about 1 MB. */
export const MAX_GLOSSARY_CHARS = 5 * 1024 * 1024;

export interface ParseGlossaryOptions {
  /** Ids defined elsewhere (the shipped glossary) that `related` may refer to. */
  knownIds?: Iterable<string>;
}

export interface ParsedGlossary {
  glossary: Glossary;
  problems: GlossaryProblem[];
}

const ENTRY_KEYS = new Set([
  'id',
  'terms',
  'definition',
  'explanation',
  'formula',
  'introducedIn',
  'related',
  'reference',
  'notInLessons',
]);
const ROOT_KEYS = new Set(['$schema', 'version', 'entries']);
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Reads a glossary file (the shipped one or a user's) into entries and problems with 1-based line and
 * column. Never throws: syntax errors give no entries; a bad entry is skipped, the others are kept.
 */
export function parseGlossary(
  jsonText: string,
  sourceName: string,
  options: ParseGlossaryOptions = {},
): ParsedGlossary {
  const problems: GlossaryProblem[] = [];
  const lines = new LineMap(jsonText);
  const report = (severity: GlossaryProblem['severity'], offset: number, length: number, message: string) => {
    const { line, column } = lines.position(offset);
    problems.push({ source: sourceName, line, column, offset, length, severity, message });
  };
  const empty = (): ParsedGlossary => ({ glossary: createGlossary([]), problems });

  if (jsonText.length > MAX_GLOSSARY_CHARS) {
    // Position given directly: scanning 50 MB for line breaks is exactly what the limit avoids.
    const message = `File refused: ${(jsonText.length / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_GLOSSARY_CHARS / 1024 / 1024} MB limit for a glossary.`;
    problems.push({ source: sourceName, line: 1, column: 1, offset: 0, length: 0, severity: 'error', message });
    return empty();
  }
  const errors: ParseError[] = [];
  const root = parseTree(jsonText, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  if (errors.length) {
    for (const e of errors.slice(0, 20))
      report('error', e.offset, e.length, `Invalid JSON: ${describeParseError(printParseErrorCode(e.error))}`);
    return empty();
  }
  if (!root || root.type !== 'object') {
    report(
      'error',
      root?.offset ?? 0,
      root?.length ?? 0,
      'The glossary must be a JSON object with an "entries" array.',
    );
    return empty();
  }
  for (const prop of properties(root)) {
    if (!ROOT_KEYS.has(prop.key))
      report(
        'warning',
        prop.keyNode.offset,
        prop.keyNode.length,
        `Unknown property "${prop.key}" (expected $schema, version, entries).`,
      );
  }
  const version = property(root, 'version');
  if (version && version.value !== 1)
    report(
      'error',
      version.offset,
      version.length,
      `Unsupported glossary version ${JSON.stringify(version.value)}: this extension reads version 1.`,
    );
  const entriesNode = property(root, 'entries');
  if (!entriesNode || entriesNode.type !== 'array') {
    report(
      'error',
      (entriesNode ?? root).offset,
      (entriesNode ?? root).length,
      'Missing "entries": expected an array of glossary entries.',
    );
    return empty();
  }

  const entries: GlossaryEntry[] = [];
  const idNodes = new Map<string, Node>();
  const relatedNodes: { node: Node; id: string }[] = [];
  for (const node of entriesNode.children ?? []) {
    const entry = readEntry(node, sourceName, report, relatedNodes);
    if (!entry) continue;
    const idNode = property(node, 'id')!;
    if (idNodes.has(entry.id)) {
      const first = lines.position(idNodes.get(entry.id)!.offset);
      report(
        'error',
        idNode.offset,
        idNode.length,
        `Duplicate id "${entry.id}" (first defined on line ${first.line}); this entry is ignored.`,
      );
      continue;
    }
    idNodes.set(entry.id, idNode);
    entries.push(entry);
  }
  const known = new Set(options.knownIds ?? []);
  for (const { node, id } of relatedNodes) {
    if (!idNodes.has(id) && !known.has(id)) report('warning', node.offset, node.length, `Unknown related id "${id}".`);
  }
  return { glossary: createGlossary(entries), problems };
}

type Report = (severity: GlossaryProblem['severity'], offset: number, length: number, message: string) => void;

function readEntry(
  node: Node,
  source: string,
  report: Report,
  relatedNodes: { node: Node; id: string }[],
): GlossaryEntry | undefined {
  if (node.type !== 'object') {
    report('error', node.offset, node.length, 'Each entry must be an object.');
    return undefined;
  }
  const idNode = property(node, 'id');
  if (!idNode || idNode.type !== 'string' || !ID.test(idNode.value)) {
    const at = idNode ?? node;
    report(
      'error',
      at.offset,
      idNode ? at.length : 1,
      idNode
        ? `Invalid id ${JSON.stringify(idNode.value)}: use letters, digits, ".", "_" or "-" (e.g. "linear-probe"); entry ignored.`
        : 'Entry without an "id"; entry ignored.',
    );
    return undefined;
  }
  const id = idNode.value as string;
  let ok = true;
  for (const prop of properties(node)) {
    if (!ENTRY_KEYS.has(prop.key))
      report('warning', prop.keyNode.offset, prop.keyNode.length, `Unknown property "${prop.key}" in entry "${id}".`);
  }

  const terms: GlossaryEntry['terms'] = {};
  const termsNode = property(node, 'terms');
  if (!termsNode || termsNode.type !== 'object') {
    report(
      'error',
      (termsNode ?? idNode).offset,
      (termsNode ?? idNode).length,
      `Entry "${id}" needs "terms": { "en": [...], "vi": [...] }; entry ignored.`,
    );
    ok = false;
  } else {
    for (const prop of properties(termsNode)) {
      const lang = asLanguage(prop.key);
      if (!lang) {
        report(
          'warning',
          prop.keyNode.offset,
          prop.keyNode.length,
          `Unknown language "${prop.key}" in terms of "${id}" (expected en or vi).`,
        );
        continue;
      }
      const list = stringArray(prop.value, report, `terms.${lang} of "${id}"`);
      if (list?.length) terms[lang] = list;
    }
    if (!terms.en && !terms.vi) {
      report('error', termsNode.offset, termsNode.length, `Entry "${id}" has no terms in en or vi; entry ignored.`);
      ok = false;
    }
  }

  const definition = localizedText(node, 'definition', id, report, true);
  if (!definition) ok = false;
  const explanation = localizedText(node, 'explanation', id, report, false) ?? {};
  const formula = optionalString(node, 'formula', id, report);
  const reference = optionalString(node, 'reference', id, report);
  const notInLessons = optionalString(node, 'notInLessons', id, report);

  let introducedIn: GlossaryEntry['introducedIn'];
  const introNode = property(node, 'introducedIn');
  if (introNode) {
    const lesson = property(introNode, 'lesson');
    const section = property(introNode, 'section');
    if (
      introNode.type === 'object' &&
      lesson?.type === 'string' &&
      section?.type === 'string' &&
      lesson.value &&
      section.value
    ) {
      introducedIn = { lesson: lesson.value, section: section.value };
    } else {
      report(
        'warning',
        introNode.offset,
        introNode.length,
        `"introducedIn" of "${id}" must be { "lesson": "<lesson id>", "section": "<section id>" }; ignored.`,
      );
    }
  }

  const related: string[] = [];
  const relatedNode = property(node, 'related');
  if (relatedNode) {
    if (relatedNode.type !== 'array')
      report(
        'warning',
        relatedNode.offset,
        relatedNode.length,
        `"related" of "${id}" must be an array of ids; ignored.`,
      );
    else {
      for (const r of relatedNode.children ?? []) {
        if (r.type !== 'string' || !r.value)
          report('warning', r.offset, r.length, `"related" of "${id}" must contain id strings.`);
        else if (r.value === id) report('warning', r.offset, r.length, `Entry "${id}" lists itself as related.`);
        else {
          related.push(r.value);
          relatedNodes.push({ node: r, id: r.value });
        }
      }
    }
  }
  if (!ok || !definition) return undefined;
  const entry: GlossaryEntry = { id, terms, definition, explanation, related, source };
  if (formula !== undefined) entry.formula = formula;
  if (introducedIn) entry.introducedIn = introducedIn;
  if (reference !== undefined) entry.reference = reference;
  if (notInLessons !== undefined) entry.notInLessons = notInLessons;
  return entry;
}

function localizedText(
  node: Node,
  key: string,
  id: string,
  report: Report,
  required: boolean,
): LocalizedText | undefined {
  const value = property(node, key);
  if (!value) {
    if (required)
      report('error', node.offset, 1, `Entry "${id}" needs "${key}": { "en": "...", "vi": "..." }; entry ignored.`);
    return undefined;
  }
  if (value.type !== 'object') {
    report(
      required ? 'error' : 'warning',
      value.offset,
      value.length,
      `"${key}" of "${id}" must be an object { "en": "...", "vi": "..." }.`,
    );
    return undefined;
  }
  const out: LocalizedText = {};
  for (const prop of properties(value)) {
    const lang = asLanguage(prop.key);
    if (!lang) {
      report(
        'warning',
        prop.keyNode.offset,
        prop.keyNode.length,
        `Unknown language "${prop.key}" in ${key} of "${id}" (expected en or vi).`,
      );
    } else if (prop.value.type !== 'string') {
      report('warning', prop.value.offset, prop.value.length, `${key}.${lang} of "${id}" must be a string.`);
    } else if (prop.value.value.trim()) {
      out[lang] = prop.value.value;
    }
  }
  if (required && !out.en && !out.vi) {
    report('error', value.offset, value.length, `"${key}" of "${id}" has no text in en or vi; entry ignored.`);
    return undefined;
  }
  return out;
}

function optionalString(node: Node, key: string, id: string, report: Report): string | undefined {
  const value = property(node, key);
  if (!value) return undefined;
  if (value.type !== 'string' || !value.value.trim()) {
    report('warning', value.offset, value.length, `"${key}" of "${id}" must be a non-empty string; ignored.`);
    return undefined;
  }
  return value.value;
}

function stringArray(node: Node, report: Report, what: string): string[] | undefined {
  if (node.type !== 'array') {
    report('error', node.offset, node.length, `${what} must be an array of strings.`);
    return undefined;
  }
  const out: string[] = [];
  for (const c of node.children ?? []) {
    if (c.type !== 'string' || !c.value.trim())
      report('warning', c.offset, c.length, `${what} must contain non-empty strings.`);
    else out.push(c.value);
  }
  return out;
}

function asLanguage(key: string): GlossaryLanguage | undefined {
  return (GLOSSARY_LANGUAGES as readonly string[]).includes(key) ? (key as GlossaryLanguage) : undefined;
}

function properties(node: Node): { key: string; keyNode: Node; value: Node }[] {
  const out: { key: string; keyNode: Node; value: Node }[] = [];
  if (node.type !== 'object') return out;
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v) out.push({ key: String(k.value), keyNode: k, value: v });
  }
  return out;
}

function property(node: Node, key: string): Node | undefined {
  if (node.type !== 'object') return undefined;
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k?.value === key) return v;
  }
  return undefined;
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'property name expected',
    ValueExpected: 'value expected',
    ColonExpected: '":" expected',
    CommaExpected: '"," expected',
    CloseBraceExpected: '"}" expected',
    CloseBracketExpected: '"]" expected',
    EndOfFileExpected: 'end of file expected',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return words[code] ?? code;
}

/** Offset → 1-based line and column (UTF-16 code units), computed once per text. */
class LineMap {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}
  position(offset: number): { line: number; column: number } {
    const starts = (this.starts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
