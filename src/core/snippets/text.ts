import { findSnippet } from './catalogue';
import { formatCell, formatNumber, pick } from './format';
import { Language, SnippetResult } from './types';

/** Parameter labels of a result's snippet, falling back to the parameter names; values as `format` writes them. */
export function parameterLines(
  result: SnippetResult,
  language: Language,
  format: (x: number) => string = formatNumber,
): [string, string][] {
  const entry = findSnippet(result.snippetId);
  return Object.entries(result.params).map(([name, value]) => {
    const label = entry?.parameters.find((p) => p.name === name)?.label;
    return [label ? `${pick(label, language)} (${name})` : name, format(value)];
  });
}

/**
 * A plain-text rendering of a result for the output channel: aligned columns, no markup, numbers as the
 * results panel shows them (a table's own digits, never an integer for a value that is not one).
 */
export function resultToText(result: SnippetResult, language: Language): string {
  const out: string[] = [`== ${pick(result.title, language)} ==`];
  const params = parameterLines(result, language);
  if (params.length) out.push(params.map(([k, v]) => `${k} = ${v}`).join('; '));
  for (const line of result.summary) out.push(`${pick(line.label, language)}: ${formatCell(line.value, language)}`);
  for (const table of result.tables) {
    out.push('', pick(table.title, language));
    const rows = [
      table.columns.map((c) => pick(c, language)),
      ...table.rows.map((r) => r.map((c) => formatCell(c, language, table.digits))),
    ];
    const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => [...(r[j] ?? '')].length)));
    for (const r of rows)
      out.push(
        r
          .map((c, j) => c + ' '.repeat(widths[j] - [...c].length))
          .join('  ')
          .trimEnd(),
      );
  }
  for (const note of result.notes) out.push('', `! ${pick(note, language)}`);
  return out.join('\n');
}
