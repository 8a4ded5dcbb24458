/**
 * The original course's files (Aero format) carry generated blocks between HTML comments:
 * `<!-- Aero-Navigation-Start -->…<!-- Aero-Navigation-End -->` (breadcrumb and quick links) and
 * `<!-- Aero-Footer-Start -->…<!-- Aero-Footer-End -->` (a table of the module's lessons, contacts).
 * They are navigation, not lesson text: we take them out of the body (keeping line numbers) and turn
 * them into data. Other HTML comments are blanked too: with `html: false` they would show as text.
 */
export interface AeroBlocks {
  /** The markdown with the generated blocks and comments replaced by blank lines (same line count). */
  body: string;
  /** Markdown of the navigation block, if any. */
  navigation?: string;
  /** Lessons listed in the footer table, in order; `current` marks the row for this file (📌 or bold). */
  footerLessons: { title: string; href: string; current: boolean }[];
}

const BLOCK_START = /<!--\s*Aero-(Navigation|Footer)-Start\s*-->/g;
const BLOCK_END = { Navigation: /<!--\s*Aero-Navigation-End\s*-->/g, Footer: /<!--\s*Aero-Footer-End\s*-->/g };
const COMMENT = /<!--[\s\S]*?-->/g;

/** The line breaks of `s`, nothing else (one `\n` per line it spans). */
function blank(s: string): string {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return '\n'.repeat(n);
}

/** Splits Aero navigation/footer blocks out of a lesson; plain markdown passes through unchanged. */
export function splitAeroBlocks(markdown: string): AeroBlocks {
  let navigation: string | undefined;
  const footerLessons: AeroBlocks['footerLessons'] = [];
  if (!markdown.includes('<!--')) return { body: markdown, footerLessons };
  let body = replaceBlocks(markdown, (whole, kind, inner) => {
    if (kind === 'Navigation') navigation = (navigation ? `${navigation}\n` : '') + inner.trim();
    else footerLessons.push(...footerTable(inner));
    return blank(whole);
  });
  body = blankOutsideFences(body);
  return { body, navigation, footerLessons };
}

/**
 * `text.replace(/<!--\s*Aero-(Navigation|Footer)-Start\s*-->([\s\S]*?)<!--\s*Aero-\1-End\s*-->/g, f)`, in linear
 * time: that regex searches to the end of the text again from every start marker that has no end marker
 * (minutes for a file of 20,000 of them). Here, once a kind has no end marker left, its starts are skipped.
 */
function replaceBlocks(
  text: string,
  f: (whole: string, kind: 'Navigation' | 'Footer', inner: string) => string,
): string {
  let out = '';
  let from = 0;
  const unclosed = new Set<string>();
  BLOCK_START.lastIndex = 0;
  for (let m = BLOCK_START.exec(text); m; m = BLOCK_START.exec(text)) {
    const kind = m[1] as 'Navigation' | 'Footer';
    const afterStart = m.index + m[0].length;
    const endRe = BLOCK_END[kind];
    endRe.lastIndex = afterStart;
    const end = unclosed.has(kind) ? null : endRe.exec(text);
    if (!end) {
      unclosed.add(kind);
      BLOCK_START.lastIndex = m.index + 1;
      continue;
    }
    const stop = end.index + end[0].length;
    out += text.slice(from, m.index) + f(text.slice(m.index, stop), kind, text.slice(afterStart, end.index));
    from = stop;
    BLOCK_START.lastIndex = stop;
  }
  return out + text.slice(from);
}

/** Blanks HTML comments that are not inside fenced code. */
function blankOutsideFences(text: string): string {
  if (!text.includes('<!--')) return text; // nothing to blank (the usual case once the Aero blocks are out)
  const lines = text.split('\n');
  let fence: string | undefined;
  let out = '';
  let chunk = '';
  const flush = () => {
    // Only up to the last `-->`: a `<!--` after it cannot close, and the lazy scan from each such `<!--`
    // to the end of the chunk made the replace quadratic (2 s for 20,000 of them).
    const last = chunk.lastIndexOf('-->');
    out += last < 0 ? chunk : chunk.slice(0, last + 3).replace(COMMENT, blank) + chunk.slice(last + 3);
    chunk = '';
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] + (i < lines.length - 1 ? '\n' : '');
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(lines[i]);
    if (fence) {
      out += line;
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
    } else if (f) {
      flush();
      fence = f[1];
      out += line;
    } else chunk += line;
  }
  flush();
  return out;
}

const ROW_LINK = /\[([^\]]+)\]\(([^)\s]+)\)/;

function footerTable(inner: string): AeroBlocks['footerLessons'] {
  const out: AeroBlocks['footerLessons'] = [];
  for (const line of inner.split('\n')) {
    if (!line.trim().startsWith('|')) continue;
    const firstCell = line.split('|')[1] ?? '';
    const m = ROW_LINK.exec(firstCell);
    if (!m) continue;
    out.push({ title: m[1].replace(/\*\*/g, '').trim(), href: m[2], current: /📌|\*\*\[/.test(firstCell) });
  }
  return out;
}
