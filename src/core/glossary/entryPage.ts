import { canonicalTerm, localized, type Glossary, type GlossaryEntry, type GlossaryLanguage } from './types';
import { escapeMarkdown } from './hoverMarkdown';

export interface EntryPageLabels {
  aliases: string;
  introducedIn: string;
  usedIn: string;
  related: string;
  reference: string;
  notInLessons: string;
  notUsed: string;
  times: (n: number) => string;
}

export interface EntryPageInput {
  entry: GlossaryEntry;
  glossary: Glossary;
  language: GlossaryLanguage;
  /** "Lesson 3 § Superposition" for introducedIn, when the lesson exists. */
  introducedLabel?: string;
  usages: { lessonId: string; label: string; section?: string; count: number }[];
  labels: EntryPageLabels;
}

const link = (label: string, target: string) => `[${escapeMarkdown(label)}](${target})`;
const lessonTarget = (lessonId: string, section?: string) =>
  `#lesson:${encodeURIComponent(lessonId)}${section ? `/${encodeURIComponent(section)}` : ''}`;

/**
 * Markdown of a glossary entry's page (rendered by the lesson renderer: KaTeX math, inert HTML).
 * Definition and explanation keep their `$…$` math; terms and labels are escaped.
 * Links: `#term:<id>` to another entry, `#lesson:<id>/<section>` to the reader.
 */
export function glossaryEntryMarkdown(p: EntryPageInput): string {
  const { entry, language: lang, labels } = p;
  const other: GlossaryLanguage = lang === 'en' ? 'vi' : 'en';
  const title = canonicalTerm(entry, lang);
  const seen = new Set([title.normalize('NFC').toLowerCase()]);
  const aliases = [...(entry.terms[lang] ?? []), ...(entry.terms[other] ?? [])].filter((t) => {
    const k = t.normalize('NFC').toLowerCase();
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const out: string[] = [`# ${escapeMarkdown(title)}`];
  if (aliases.length) out.push(`*${escapeMarkdown(labels.aliases)}* ${aliases.map(escapeMarkdown).join(' · ')}`);
  const definition = localized(entry.definition, lang);
  if (definition) out.push(`**${definition.replace(/\*\*/g, '')}**`);
  const explanation = localized(entry.explanation, lang);
  if (explanation) out.push(explanation);
  if (entry.formula) out.push(`$$\n${entry.formula}\n$$`);
  if (entry.introducedIn) {
    out.push(
      `## ${escapeMarkdown(labels.introducedIn)}`,
      link(
        p.introducedLabel ?? `${entry.introducedIn.lesson} § ${entry.introducedIn.section}`,
        lessonTarget(entry.introducedIn.lesson, entry.introducedIn.section),
      ),
    );
  } else if (entry.notInLessons) {
    out.push(`## ${escapeMarkdown(labels.notInLessons)}`, entry.notInLessons);
  }
  out.push(`## ${escapeMarkdown(labels.usedIn)}`);
  out.push(
    p.usages.length
      ? p.usages
          .map(
            (u) => `- ${link(u.label, lessonTarget(u.lessonId, u.section))} (${escapeMarkdown(labels.times(u.count))})`,
          )
          .join('\n')
      : `*${escapeMarkdown(labels.notUsed)}*`,
  );
  const related = entry.related.map((id) => p.glossary.byId.get(id)).filter((e): e is GlossaryEntry => !!e);
  if (related.length) {
    out.push(
      `## ${escapeMarkdown(labels.related)}`,
      related
        .map(
          (e) =>
            `- ${link(canonicalTerm(e, lang), `#term:${encodeURIComponent(e.id)}`)}: ${localized(e.definition, lang)}`,
        )
        .join('\n'),
    );
  }
  if (entry.reference)
    out.push(
      `## ${escapeMarkdown(labels.reference)}`,
      /^https:\/\/\S+$/.test(entry.reference) ? `<${entry.reference}>` : entry.reference,
    );
  return out.join('\n\n') + '\n';
}
