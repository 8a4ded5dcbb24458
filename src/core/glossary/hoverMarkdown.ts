import { canonicalTerm, localized, type GlossaryEntry, type GlossaryLanguage } from './types';

/** Escapes text for markdown so glossary data (possibly a user's file) can never become links or markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$&]/g, '\\$&');
}

/** Inline code that survives backticks inside the code. */
export function markdownCode(code: string): string {
  const runs = code.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${code.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

/** Text with `$…$` math shown as inline code (hovers cannot render TeX); the rest escaped. */
export function textWithMath(text: string): string {
  const out: string[] = [];
  const re = /\$\$([^$]+)\$\$|\$([^$\n]+)\$/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(escapeMarkdown(text.slice(at, m.index)), markdownCode((m[1] ?? m[2]).trim()));
    at = m.index + m[0].length;
  }
  out.push(escapeMarkdown(text.slice(at)));
  return out.join('');
}

/** `command:` URI with JSON arguments, as VS Code's trusted markdown expects. */
export function commandUri(command: string, ...args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

export interface HoverMarkdownOptions {
  language: GlossaryLanguage;
  /** `data:` URI of the formula image; without it the TeX source is shown as code. */
  formulaImage?: string;
  /** "Lesson 3 § Superposition" and the command URI that opens it. */
  lesson?: { label: string; uri: string };
  /** Related entries that exist: label and command URI each. */
  related: { label: string; uri: string }[];
  labels: {
    introducedIn: string;
    related: string;
    formula: string;
    notInLessons: string;
    openEntry?: { label: string; uri: string };
  };
}

/** The hover of one entry, as markdown: term (other language's term too), definition, formula, lesson link, explanation, related. */
export function glossaryHoverMarkdown(entry: GlossaryEntry, o: HoverMarkdownOptions): string {
  const other: GlossaryLanguage = o.language === 'en' ? 'vi' : 'en';
  const term = canonicalTerm(entry, o.language);
  const otherTerm = entry.terms[other]?.[0];
  const parts: string[] = [];
  parts.push(
    `**${escapeMarkdown(term)}**${otherTerm && otherTerm !== term ? ` · *${escapeMarkdown(otherTerm)}*` : ''}`,
  );
  const definition = localized(entry.definition, o.language);
  if (definition) parts.push(textWithMath(definition));
  if (entry.formula) {
    const fence = '`'.repeat(Math.max(3, ...(entry.formula.match(/`+/g) ?? []).map((r) => r.length + 1)));
    parts.push(
      o.formulaImage
        ? `![${escapeMarkdown(o.labels.formula)}](${o.formulaImage})`
        : `${fence}latex\n${entry.formula}\n${fence}`,
    );
  }
  // The lesson link comes before the explanation: hovers are short and scroll, the link is what one clicks.
  if (o.lesson)
    parts.push(`${escapeMarkdown(o.labels.introducedIn)} [${escapeMarkdown(o.lesson.label)}](${o.lesson.uri})`);
  else if (entry.notInLessons)
    parts.push(`*${escapeMarkdown(o.labels.notInLessons)}* ${textWithMath(entry.notInLessons)}`);
  const explanation = localized(entry.explanation, o.language);
  if (explanation) parts.push(textWithMath(explanation));
  const links: string[] = [];
  if (o.related.length)
    links.push(
      `${escapeMarkdown(o.labels.related)} ${o.related.map((r) => `[${escapeMarkdown(r.label)}](${r.uri})`).join(', ')}`,
    );
  if (o.labels.openEntry) links.push(`[${escapeMarkdown(o.labels.openEntry.label)}](${o.labels.openEntry.uri})`);
  if (links.length) parts.push(links.join('  \n'));
  return parts.join('\n\n');
}
