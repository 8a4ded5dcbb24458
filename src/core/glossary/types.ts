/** The two languages of the course; every glossary text may exist in either or both. */
export type GlossaryLanguage = 'en' | 'vi';

export const GLOSSARY_LANGUAGES: readonly GlossaryLanguage[] = ['en', 'vi'];

/** A text in both languages; a user's own entry may give only one of them. */
export type LocalizedText = Partial<Record<GlossaryLanguage, string>>;

/** One glossary entry, as in lessons/glossary.json. */
export interface GlossaryEntry {
  id: string;
  /** Per language: the canonical term first, then aliases (plurals, abbreviations, spellings). */
  terms: Partial<Record<GlossaryLanguage, string[]>>;
  /** One line. */
  definition: LocalizedText;
  /** A short paragraph; may contain `$…$` math. */
  explanation: LocalizedText;
  /** Display formula in TeX, without delimiters. */
  formula?: string;
  /** Where the course teaches the term. */
  introducedIn?: { lesson: string; section: string };
  related: string[];
  /** A primary source (citation text or https URL). */
  reference?: string;
  /** Why the term is not taught in the lessons (for entries that have no `introducedIn`). */
  notInLessons?: string;
  /** Name of the file the entry came from (`lessons/glossary.json`, a user file). */
  source?: string;
}

/** A parsed glossary. Treat as immutable: indexes are built once per object and cached. */
export interface Glossary {
  readonly entries: readonly GlossaryEntry[];
  readonly byId: ReadonlyMap<string, GlossaryEntry>;
}

/** One problem found while reading a glossary file; line and column are 1-based. */
export interface GlossaryProblem {
  source: string;
  line: number;
  column: number;
  /** UTF-16 offset and length in the file text, for editors. */
  offset: number;
  length: number;
  severity: 'error' | 'warning';
  message: string;
}

/** Builds a Glossary from entries (the first entry with a given id wins). */
export function createGlossary(entries: readonly GlossaryEntry[]): Glossary {
  const byId = new Map<string, GlossaryEntry>();
  const kept: GlossaryEntry[] = [];
  for (const e of entries) {
    if (byId.has(e.id)) continue;
    byId.set(e.id, e);
    kept.push(e);
  }
  return { entries: kept, byId };
}

/** The text in `language`, else in the other language, else ''. */
export function localized(text: LocalizedText | undefined, language: GlossaryLanguage): string {
  if (!text) return '';
  return text[language] ?? text[language === 'en' ? 'vi' : 'en'] ?? '';
}

/** The canonical term in `language`, else in the other language, else the id. */
export function canonicalTerm(entry: GlossaryEntry, language: GlossaryLanguage): string {
  return entry.terms[language]?.[0] ?? entry.terms[language === 'en' ? 'vi' : 'en']?.[0] ?? entry.id;
}
