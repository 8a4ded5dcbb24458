import { createGlossary, type Glossary, type GlossaryEntry } from './types';

/**
 * The shipped glossary extended by the user's files, later files winning. An entry whose id already
 * exists overrides the fields it gives (texts per language); new ids are added.
 */
export function mergeGlossaries(builtin: Glossary, ...user: Glossary[]): Glossary {
  if (user.length === 0) return builtin;
  const merged = new Map<string, GlossaryEntry>();
  for (const e of builtin.entries) merged.set(e.id, e);
  for (const g of user) {
    for (const e of g.entries) {
      const base = merged.get(e.id);
      merged.set(e.id, base ? overrideEntry(base, e) : e);
    }
  }
  return createGlossary([...merged.values()]);
}

function overrideEntry(base: GlossaryEntry, over: GlossaryEntry): GlossaryEntry {
  return {
    ...base,
    ...over,
    terms: { ...base.terms, ...over.terms },
    definition: { ...base.definition, ...over.definition },
    explanation: { ...base.explanation, ...over.explanation },
    related: over.related.length ? over.related : base.related,
    introducedIn: over.introducedIn ?? base.introducedIn,
    formula: over.formula ?? base.formula,
  };
}
