import * as vscode from 'vscode';
import { readShippedDirectory } from '../shared/platform/shippedFiles.node';
import {
  SNIPPETS,
  isParameterValueValid,
  parseFrontMatter,
  pick,
  type Language,
  type SnippetEntry,
  type SnippetParams,
} from '../../core/activation';

interface SnippetItem extends vscode.QuickPickItem {
  snippetId?: string;
}

/** Order and title of each shipped lesson in a language, from the lessons' front matter. */
export async function lessonTitles(
  lessonsUri: vscode.Uri,
  language: Language,
): Promise<Map<string, { order: number; title: string }>> {
  const out = new Map<string, { order: number; title: string }>();
  const folder = vscode.Uri.joinPath(lessonsUri, language);
  let files: [string, vscode.FileType][];
  try {
    files = await readShippedDirectory(folder);
  } catch {
    return out;
  }
  for (const [name] of files.filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.md'))) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name)));
      const { meta } = parseFrontMatter(text);
      if (meta.id && typeof meta.order === 'number' && meta.title)
        out.set(meta.id, { order: meta.order, title: meta.title });
    } catch {
      // A lesson that cannot be read only loses its separator title.
    }
  }
  return out;
}

/** Quick pick of the catalogue, grouped by lesson under separators, in lesson order. */
export async function pickSnippet(lessonsUri: vscode.Uri, language: Language): Promise<SnippetEntry | undefined> {
  const titles = await lessonTitles(lessonsUri, language);
  const lessons = [...new Set(SNIPPETS.map((s) => s.lesson))].sort(
    (a, b) => (titles.get(a)?.order ?? 99) - (titles.get(b)?.order ?? 99),
  );
  const items: SnippetItem[] = [];
  for (const lesson of lessons) {
    const t = titles.get(lesson);
    items.push({
      kind: vscode.QuickPickItemKind.Separator,
      label: t ? vscode.l10n.t('Lesson {0}: {1}', t.order, t.title) : lesson,
    });
    for (const s of SNIPPETS.filter((x) => x.lesson === lesson)) {
      items.push({
        label: `$(play) ${pick(s.title, language)}`,
        detail: pick(s.description, language),
        description: s.id,
        snippetId: s.id,
      });
    }
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Run Snippet'),
    placeHolder: vscode.l10n.t('Choose a snippet to run'),
    matchOnDetail: true,
    matchOnDescription: true,
  });
  return chosen?.snippetId ? SNIPPETS.find((s) => s.id === chosen.snippetId) : undefined;
}

/** The message for a value that is out of range, or undefined when it is acceptable. */
export function parameterProblem(p: SnippetEntry['parameters'][number], text: string): string | undefined {
  const v = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(v)) return vscode.l10n.t('Enter a number.');
  if (isParameterValueValid(p, v)) return undefined;
  return p.integer
    ? vscode.l10n.t('Enter a whole number from {0} to {1}.', p.min, p.max)
    : vscode.l10n.t('Enter a number from {0} to {1}.', p.min, p.max);
}

/**
 * One step per parameter in a single input box (step i of n, with Back), each value validated
 * against its range and prefilled with the current value. The box stays open between steps, so
 * focus never falls back to the editor. Resolves to the new parameters, or undefined when dismissed.
 */
export function askParameters(
  entry: SnippetEntry,
  current: SnippetParams,
  language: Language,
): Promise<SnippetParams | undefined> {
  const values: SnippetParams = { ...current };
  const params = entry.parameters;
  if (params.length === 0) return Promise.resolve(values);
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    let i = 0;
    let accepted = false;
    const showStep = () => {
      const p = params[i];
      box.title = pick(entry.title, language);
      box.step = i + 1;
      box.totalSteps = params.length;
      box.prompt = `${pick(p.label, language)} (${p.integer ? vscode.l10n.t('whole number, {0} to {1}', p.min, p.max) : vscode.l10n.t('{0} to {1}', p.min, p.max)})`;
      box.value = String(values[p.name] ?? p.default);
      box.valueSelection = [0, box.value.length];
      box.validationMessage = undefined;
      box.buttons = i > 0 ? [vscode.QuickInputButtons.Back] : [];
    };
    box.ignoreFocusOut = true;
    box.onDidChangeValue((v) => (box.validationMessage = parameterProblem(params[i], v)));
    box.onDidTriggerButton(() => {
      if (i > 0) {
        i--;
        showStep();
      }
    });
    box.onDidAccept(() => {
      const p = params[i];
      const problem = parameterProblem(p, box.value);
      box.validationMessage = problem;
      if (problem) return;
      values[p.name] = Number(box.value.trim().replace(',', '.'));
      if (i + 1 < params.length) {
        i++;
        showStep();
      } else {
        accepted = true;
        box.hide();
      }
    });
    box.onDidHide(() => {
      box.dispose();
      resolve(accepted ? values : undefined);
    });
    showStep();
    box.show();
  });
}

/** Which column is the response, when a selected table has no formula (the last column first). */
export async function pickResponse(columns: string[]): Promise<string | undefined> {
  if (columns.length <= 2) return columns[columns.length - 1];
  const items = [...columns]
    .reverse()
    .map((c, i) => ({ label: c, description: i === 0 ? vscode.l10n.t('last column') : undefined }));
  const chosen = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Run Regression on Selection'),
    placeHolder: vscode.l10n.t('Which column is the response (y)? The other columns are the predictors.'),
  });
  return chosen?.label;
}
