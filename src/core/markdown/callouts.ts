import type MarkdownIt from 'markdown-it';
import { escapeHtml } from '../text/escape';

/** Callout kinds: GitHub's alerts plus our CORRECTION (annotation on the original course) and PREDICT. */
export const CALLOUT_KINDS = ['note', 'tip', 'important', 'warning', 'caution', 'correction', 'predict'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

const MARKER = new RegExp(`^\\[!(${CALLOUT_KINDS.join('|')})\\][ \\t]*([^\\n]*)\\n?`, 'i');

/**
 * `> [!NOTE] Optional title` blockquotes become callouts. Written here rather than taken from
 * markdown-it-github-alerts: that plugin inserts the title line into HTML unescaped (an injection
 * with html: false) and has no custom kinds.
 */
export function calloutPlugin(md: MarkdownIt): void {
  md.core.ruler.after('block', 'il_callouts', (state: MarkdownIt.StateCore) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== 'blockquote_open') continue;
      const open = tokens[i];
      // The callout's first paragraph must be the blockquote's first child.
      const inline = tokens[i + 2];
      if (tokens[i + 1]?.type !== 'paragraph_open' || inline?.type !== 'inline') continue;
      const m = MARKER.exec(inline.content);
      if (!m) continue;
      let depth = 0;
      let j = i;
      for (; j < tokens.length; j++) {
        if (tokens[j].type === 'blockquote_open') depth++;
        else if (tokens[j].type === 'blockquote_close' && --depth === 0) break;
      }
      inline.content = inline.content.slice(m[0].length);
      open.type = 'il_callout_open';
      open.meta = { kind: m[1].toLowerCase(), title: m[2].trim() };
      tokens[j].type = 'il_callout_close';
      if (inline.content.trim() === '') {
        // Marker alone on its line: drop the now empty paragraph.
        tokens[i + 1].hidden = tokens[i + 3].hidden = true;
        inline.content = '';
      }
    }
  });
  md.renderer.rules.il_callout_open = (
    tokens,
    idx,
    _o,
    env: { labels?: { calloutTitles?: Record<string, string> } },
  ) => {
    const { kind, title } = tokens[idx].meta as { kind: CalloutKind; title: string };
    const label = title || env?.labels?.calloutTitles?.[kind] || kind;
    return `<div class="il-callout il-callout-${kind}" role="note"><p class="il-callout-title">${escapeHtml(label)}</p>\n`;
  };
  md.renderer.rules.il_callout_close = () => '</div>\n';
}
