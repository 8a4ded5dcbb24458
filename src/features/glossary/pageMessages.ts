// What the glossary entry page (src/webview/glossary.ts) may ask of the extension. Pure (no `vscode`): every
// message is page input, validated here, and the unit tests read this module directly.
import { isExternalHref } from '../shared/links';

/** A message from the entry page, validated. */
export type EntryPageMessage =
  | { type: 'showTerm'; id: string }
  | { type: 'showLesson'; lessonId: string; section?: string }
  | { type: 'openExternal'; href: string };

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;
const SECTION = /^[A-Za-z0-9][\w.:-]{0,200}$/;

/** The page's message if it is one the extension acts on, else undefined. */
export function parseEntryPageMessage(m: unknown): EntryPageMessage | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const msg = m as Record<string, unknown>;
  if (msg.type === 'showTerm' && typeof msg.id === 'string' && ID.test(msg.id)) return { type: 'showTerm', id: msg.id };
  if (
    msg.type === 'showLesson' &&
    typeof msg.lessonId === 'string' &&
    ID.test(msg.lessonId) &&
    (msg.section === undefined || (typeof msg.section === 'string' && SECTION.test(msg.section)))
  )
    return { type: 'showLesson', lessonId: msg.lessonId, section: msg.section };
  // The reader's policy: http, https and mailto links open outside VS Code.
  if (msg.type === 'openExternal' && typeof msg.href === 'string' && isExternalHref(msg.href))
    return { type: 'openExternal', href: msg.href };
  return undefined;
}
