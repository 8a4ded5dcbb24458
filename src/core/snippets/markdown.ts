import { findSnippet } from './catalogue';
import { formatCellFull, formatFull, pick } from './format';
import { parameterLines } from './text';
import { Language, SnippetResult } from './types';

function cellText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdTable(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.map(cellText).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cellText).join(' | ')} |`),
  ];
}

/** Formula of the regression a result's data block can be re-run with (```regression). */
function regressionFormula(result: SnippetResult): string | undefined {
  if (!result.data) return undefined;
  if (result.snippetId === 'study-hours') return 'score ~ hours';
  if (result.snippetId === 'study-hours-confounder') return 'score ~ hours + z';
  if (result.snippetId === 'regression')
    return result.summary.find((s) => s.label.en === 'Formula')?.value as string | undefined;
  return undefined;
}

/**
 * A markdown note of a run to keep: parameters, the results (summary, tables, notes) and the data.
 * Regression data goes into a ```regression block, so the note can be run again from the editor. Numbers are
 * at full precision (the shortest decimal that reads back as the same double, always with "."), so estimates
 * can be copied into code; text cells (p-values, F statistic lines) are as the panel shows them.
 */
export function toMarkdownNote(result: SnippetResult, language: Language = 'en'): string {
  const vi = language === 'vi';
  const entry = findSnippet(result.snippetId);
  const out: string[] = [`## ${pick(result.title, language)}`, ''];
  if (entry) {
    out.push(pick(entry.description, language), '');
    out.push(`> [!PREDICT]`, `> ${pick(entry.question, language).replace(/\n/g, '\n> ')}`, '');
  }
  const params = parameterLines(result, language, formatFull);
  if (params.length) {
    out.push(
      vi ? `### Tham số (snippet \`${result.snippetId}\`)` : `### Parameters (snippet \`${result.snippetId}\`)`,
      '',
    );
    out.push(...mdTable([vi ? 'Tham số' : 'Parameter', vi ? 'Giá trị' : 'Value'], params), '');
  }
  out.push(vi ? '### Kết quả' : '### Results', '');
  for (const line of result.summary)
    out.push(`- **${pick(line.label, language)}**: ${formatCellFull(line.value, language)}`);
  out.push('');
  for (const table of result.tables) {
    out.push(`#### ${pick(table.title, language)}`, '');
    out.push(
      ...mdTable(
        table.columns.map((c) => pick(c, language)),
        table.rows.map((r) => r.map((c) => formatCellFull(c, language))),
      ),
      '',
    );
  }
  for (const note of result.notes) out.push('> [!NOTE]', `> ${pick(note, language)}`, '');
  if (result.data) {
    const { columns, rows, totalRows } = result.data;
    const shown = rows.length < totalRows;
    out.push(
      vi
        ? `### Dữ liệu${shown ? ` (${rows.length} trên ${totalRows} hàng đầu tiên)` : ''}`
        : `### Data${shown ? ` (first ${rows.length} of ${totalRows} rows)` : ''}`,
      '',
    );
    const formula = regressionFormula(result);
    out.push(formula && !shown ? '```regression' : '```csv');
    if (formula && !shown) out.push(formula);
    out.push(columns.join(', '));
    for (const r of rows) out.push(r.map(String).join(', '));
    out.push('```', '');
  }
  out.push(vi ? `*Tạo bởi Interp Lessons.*` : `*Made with Interp Lessons.*`);
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
