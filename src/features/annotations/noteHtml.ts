// A note's markdown as the safe HTML the page shows beside its highlight: the lessons' renderer and rules
// (markdown-it with html off, KaTeX without trust, links checked), loaded on first use.
import { escapeHtml, isRenderOverBudget, LruCache, moveInlineStyles } from '../../core/activation';
import { loadRenderer } from '../shared/render/renderer';

/** A note rendered on the extension host must not hold it up: past this, the note is shown as written. */
const NOTE_BUDGET_MS = 250;
/** Notes longer than this are shown as written (a notes file is the user's, but may be pasted into). */
const MAX_NOTE_CHARS = 20_000;

const cache = new LruCache<string>(500);

/** The note as HTML ('' for none); a note the renderer refuses or that takes too long is escaped text. */
export function renderNote(markdown: string): string {
  if (!markdown.trim()) return '';
  const hit = cache.get(markdown);
  if (hit !== undefined) return hit;
  let html: string;
  if (markdown.length > MAX_NOTE_CHARS) html = asWritten(markdown);
  else {
    try {
      // A note has no front matter: a leading `---` line is a rule, so a blank line goes first.
      const rendered = loadRenderer().renderLesson(`\n${markdown}`, {
        budgetMs: NOTE_BUDGET_MS,
        // Relative links in a note point nowhere the reader knows, except anchors in the lesson.
        classifyLink: (href) => (href.startsWith('#') ? 'lesson' : 'broken'),
      }).html;
      // KaTeX's inline styles travel as data-il-style, applied by the page through the CSSOM (the CSP refuses
      // style attributes), as the lesson's do.
      html = moveInlineStyles(rendered);
    } catch (e) {
      if (!isRenderOverBudget(e)) throw e;
      html = asWritten(markdown);
    }
  }
  cache.set(markdown, html);
  return html;
}

function asWritten(markdown: string): string {
  return `<pre class="il-note-as-written">${escapeHtml(markdown)}</pre>`;
}
