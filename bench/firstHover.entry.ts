// Bundled by bench/startup.bench.ts with the production options: the core part of a glossary hover, imported
// the way src/features/glossary/hoverProvider.ts imports it.
import { builtinGlossary, glossaryHoverMarkdown, termAt } from '../src/core/activation';

/** The hover at `character` of `line`: the term's entry as hover markdown, or '' when no term is there. */
export function hover(line: string, character: number): string {
  const glossary = builtinGlossary();
  const match = termAt(glossary, line, character);
  const entry = match && glossary.byId.get(match.id);
  if (!entry) return '';
  const markdown = glossaryHoverMarkdown(entry, {
    language: 'en',
    related: entry.related.map((id) => ({ label: id, uri: `command:x?${id}` })),
    labels: {
      introducedIn: 'Introduced in',
      related: 'Related',
      formula: 'Formula',
      notInLessons: 'Not in the lessons',
    },
  });
  return `${entry.id} (${markdown.length} chars)`;
}
