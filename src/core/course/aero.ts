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

const BLOCK = /<!--\s*Aero-(Navigation|Footer)-Start\s*-->([\s\S]*?)<!--\s*Aero-\1-End\s*-->/g;
const COMMENT = /<!--[\s\S]*?-->/g;

function blank(s: string): string {
  return s.replace(/[^\n]/g, '');
}

/** Splits Aero navigation/footer blocks out of a lesson; plain markdown passes through unchanged. */
export function splitAeroBlocks(markdown: string): AeroBlocks {
  let navigation: string | undefined;
  const footerLessons: AeroBlocks['footerLessons'] = [];
  if (!markdown.includes('<!--')) return { body: markdown, footerLessons };
  let body = markdown.replace(BLOCK, (whole, kind: string, inner: string) => {
    if (kind === 'Navigation') navigation = (navigation ? `${navigation}\n` : '') + inner.trim();
    else footerLessons.push(...footerTable(inner));
    return blank(whole);
  });
  body = blankOutsideFences(body);
  return { body, navigation, footerLessons };
}

/** Blanks HTML comments that are not inside fenced code. */
function blankOutsideFences(text: string): string {
  const lines = text.split('\n');
  let fence: string | undefined;
  let out = '';
  let chunk = '';
  const flush = () => {
    out += chunk.replace(COMMENT, blank);
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
