/**
 * Writes the lessons' figures, lessons/figures/<name>.<lang>.svg, from code: run from the repository root with
 *
 *   node -r esbuild-register scripts/figures.ts
 *
 * Plots whose content is data are computed here (the emergence mirage through the snippet engine's own plotToSvg,
 * the grokking curves from a stated model of the three phases, the superposition read-outs from the pentagon's
 * cosines); diagrams (residual stream, steering, IOI circuit) are laid out by hand. Every colour is a class that
 * media/reader.css maps to VS Code theme variables (light, dark, high contrast), so the files carry no colour of
 * their own, and every element and attribute is inside the renderer's SVG allowlist (src/core/markdown/svgAllowlist.ts).
 * test/unit/figures-content.test.ts fails when a committed file differs from what this script makes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { escapeXml, niceTicks, plotToSvg } from '../src/core/snippets/svg';
import type { XYPlot } from '../src/core/snippets/types';

export type FigureLanguage = 'en' | 'vi';
export const FIGURE_LANGUAGES: FigureLanguage[] = ['en', 'vi'];

type Text = Record<FigureLanguage, string>;
const n2 = (x: number) => (Math.round(x * 100) / 100).toString();

// ---- drawing helpers: classes only, no colours ----

function open(w: number, h: number, name: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="il-fig il-fig-${name}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">`;
}
function text(
  x: number,
  y: number,
  s: string,
  o: { anchor?: 'start' | 'middle' | 'end'; size?: number; cls?: string; weight?: 'bold'; italic?: boolean } = {},
): string {
  return `<text${o.cls ? ` class="${o.cls}"` : ''} x="${n2(x)}" y="${n2(y)}"${o.anchor && o.anchor !== 'start' ? ` text-anchor="${o.anchor}"` : ''} font-size="${o.size ?? 13}"${o.weight ? ` font-weight="${o.weight}"` : ''}${o.italic ? ' font-style="italic"' : ''}>${escapeXml(s)}</text>`;
}
/** Text whose `_x` parts are written as subscripts (a lowered, smaller tspan): `r_L`, `LN_f`. */
function subText(
  x: number,
  y: number,
  s: string,
  o: { anchor?: 'start' | 'middle' | 'end'; size?: number; italic?: boolean } = {},
): string {
  const size = o.size ?? 13;
  const parts = s.split(/_(\w)/);
  let inner = escapeXml(parts[0]);
  for (let i = 1; i < parts.length; i += 2)
    inner += `<tspan dy="${n2(size * 0.3)}" font-size="${n2(size * 0.75)}">${escapeXml(parts[i])}</tspan><tspan dy="${n2(-size * 0.3)}">${escapeXml(parts[i + 1])}</tspan>`;
  return text(x, y, '\u0000', o).replace('\u0000', inner);
}
function line(x1: number, y1: number, x2: number, y2: number, cls: string, extra = ''): string {
  return `<line class="${cls}" x1="${n2(x1)}" y1="${n2(y1)}" x2="${n2(x2)}" y2="${n2(y2)}"${extra}/>`;
}
/** A line with a filled triangular head at (x2, y2); `cls` names the colour (il-ink, il-cN). */
function arrow(x1: number, y1: number, x2: number, y2: number, cls: string, width = 2, dashed = false): string {
  const a = Math.atan2(y2 - y1, x2 - x1);
  const len = 6 + 2 * width;
  const bx = x2 - len * Math.cos(a);
  const by = y2 - len * Math.sin(a);
  const px = (len / 2.2) * Math.sin(a);
  const py = (len / 2.2) * -Math.cos(a);
  return (
    line(x1, y1, bx, by, `il-stroke ${cls}`, ` stroke-width="${width}"${dashed ? ' stroke-dasharray="5 4"' : ''}`) +
    `<polygon class="il-fill ${cls}" points="${n2(x2)},${n2(y2)} ${n2(bx + px)},${n2(by + py)} ${n2(bx - px)},${n2(by - py)}"/>`
  );
}
function box(x: number, y: number, w: number, h: number, cls = 'il-box'): string {
  return `<rect class="${cls}" x="${n2(x)}" y="${n2(y)}" width="${n2(w)}" height="${n2(h)}" rx="6" stroke-width="1.5"/>`;
}

// ---- 1. the residual stream as a sum of block outputs (lesson 1) ----

function residualStream(lang: FigureLanguage): string {
  const t: Record<string, Text> = {
    embed: { en: 'embedding', vi: 'embedding' },
    tokens: { en: 'tokens', vi: 'token' },
    logits: { en: 'logits', vi: 'logit' },
    stream: { en: 'residual stream', vi: 'luồng dư' },
    reads: { en: 'reads (LN, linear map)', vi: 'đọc (LN, ánh xạ tuyến tính)' },
    writes: { en: 'writes by adding', vi: 'ghi bằng phép cộng' },
    block: { en: 'block', vi: 'khối' },
  };
  const w = 640;
  const h = 470;
  const sx = 230; // the stream's x
  const out = [open(w, h, 'residual-stream')];
  out.push(text(sx, h - 14, `${t.tokens[lang]} → ${t.embed[lang]}`, { anchor: 'middle' }));
  // The stream: a thick vertical arrow from r0 (bottom) to r_L (top).
  out.push(arrow(sx, h - 40, sx, 78, 'il-ink', 5));
  out.push(text(sx - 14, h - 48, 'r₀', { anchor: 'end', size: 15, italic: true }));
  out.push(subText(sx - 14, 96, 'r_L', { anchor: 'end', size: 15, italic: true }));
  out.push(
    text(sx - 40, h / 2, t.stream[lang], { anchor: 'middle', size: 13, cls: 'il-muted-text' }).replace(
      '<text',
      `<text transform="rotate(-90 ${sx - 40} ${h / 2})"`,
    ),
  );
  // LN_f, W_U, logits at the top.
  out.push(box(sx - 70, 20, 140, 34));
  out.push(subText(sx, 42, `LN_f → W_U → ${t.logits[lang]}`, { anchor: 'middle' }));
  // Two blocks, each an attention and an MLP branch that read from the stream and add back.
  const branches = [
    { y: 350, label: 'Attn₁', out: 'a₁', c: 'il-c0' },
    { y: 290, label: 'MLP₁', out: 'm₁', c: 'il-c2' },
    { y: 215, label: 'Attn₂', out: 'a₂', c: 'il-c0' },
    { y: 155, label: 'MLP₂', out: 'm₂', c: 'il-c2' },
  ];
  for (const b of branches) {
    const bx = sx + 90;
    out.push(arrow(sx, b.y + 18, bx, b.y + 18, 'il-ink', 1.5));
    out.push(box(bx, b.y, 90, 36, `il-box ${b.c}`));
    out.push(text(bx + 45, b.y + 23, b.label, { anchor: 'middle', weight: 'bold' }));
    // Back into the stream, a little higher: the ⊕ where it is added.
    out.push(
      `<path class="il-stroke ${b.c}" d="M${bx + 90} ${b.y + 18} h22 V${b.y - 10} H${sx + 12}" fill="none" stroke-width="2"/>`,
    );
    out.push(arrow(sx + 30, b.y - 10, sx + 11, b.y - 10, b.c, 2));
    out.push(`<circle class="il-box" cx="${sx}" cy="${b.y - 10}" r="10" stroke-width="1.5"/>`);
    out.push(line(sx - 6, b.y - 10, sx + 6, b.y - 10, 'il-stroke il-ink', ' stroke-width="1.5"'));
    out.push(line(sx, b.y - 16, sx, b.y - 4, 'il-stroke il-ink', ' stroke-width="1.5"'));
    out.push(text(bx + 120, b.y - 4, `+ ${b.out}`, { size: 14, italic: true, cls: `il-text ${b.c}` }));
  }
  // Brackets naming the blocks.
  for (const [y0, y1, k] of [
    [280, 390, 1],
    [145, 255, 2],
  ] as const) {
    out.push(`<path class="il-stroke il-muted" d="M${w - 70} ${y0} h8 V${y1} h-8" fill="none" stroke-width="1.5"/>`);
    out.push(text(w - 56, (y0 + y1) / 2 + 4, `${t.block[lang]} ${k}`, { size: 12, cls: 'il-muted-text' }));
  }
  out.push(text(sx + 90, h - 60, t.reads[lang], { size: 12, cls: 'il-muted-text' }));
  out.push(text(sx + 90, h - 42, t.writes[lang], { size: 12, cls: 'il-muted-text' }));
  out.push(subText(sx + 90, 96, 'r_L = r₀ + a₁ + m₁ + a₂ + m₂', { size: 14, italic: true }));
  out.push('</svg>');
  return out.join('');
}

// ---- 2. steering: adding and erasing a direction (lesson 2) ----

function steering(lang: FigureLanguage): string {
  const t: Record<string, Text> = {
    add: { en: 'steer: h + αv', vi: 'điều hướng: h + αv' },
    erase: { en: 'erase: h − v̂v̂ᵀh', vi: 'xoá: h − v̂v̂ᵀh' },
    dir: { en: 'direction v (mean difference)', vi: 'hướng v (hiệu hai trung bình)' },
    orth: { en: 'everything orthogonal to v', vi: 'phần trực giao với v' },
  };
  const w = 660;
  const h = 340;
  const o = { x: 200, y: 290 };
  const u = { x: 0.92, y: -0.39 }; // unit direction v̂ (on screen, y down)
  const hv = { x: 170, y: -170 }; // h
  const proj = hv.x * u.x + hv.y * u.y;
  const erased = { x: hv.x - proj * u.x, y: hv.y - proj * u.y };
  const alpha = 150;
  const P = (v: { x: number; y: number }) => ({ x: o.x + v.x, y: o.y + v.y });
  const out = [open(w, h, 'steering')];
  // The direction v̂ as a long faint line, and the orthogonal complement.
  out.push(
    line(
      o.x - 40 * u.x,
      o.y - 40 * u.y,
      o.x + 420 * u.x,
      o.y + 420 * u.y,
      'il-stroke il-muted',
      ' stroke-width="1.5" stroke-dasharray="2 4"',
    ),
  );
  out.push(
    line(
      o.x - 50 * u.y,
      o.y + 50 * u.x,
      o.x + 230 * u.y,
      o.y - 230 * u.x,
      'il-stroke il-muted',
      ' stroke-width="1.5" stroke-dasharray="2 4"',
    ),
  );
  // The direction's label runs along it, just below.
  const lp = { x: o.x + 300 * u.x - 18 * u.y, y: o.y + 300 * u.y + 18 * u.x };
  out.push(
    text(lp.x, lp.y, t.dir[lang], { anchor: 'middle', size: 12, cls: 'il-muted-text' }).replace(
      '<text',
      `<text transform="rotate(${n2((Math.atan2(u.y, u.x) * 180) / Math.PI)} ${n2(lp.x)} ${n2(lp.y)})"`,
    ),
  );
  out.push(
    text(o.x + 230 * u.y, o.y - 230 * u.x - 8, t.orth[lang], { anchor: 'middle', size: 12, cls: 'il-muted-text' }),
  );
  // v itself.
  out.push(arrow(o.x, o.y, o.x + 80 * u.x, o.y + 80 * u.y, 'il-c3', 3));
  out.push(text(o.x + 80 * u.x + 4, o.y + 80 * u.y + 20, 'v', { size: 15, italic: true, cls: 'il-text il-c3' }));
  // h.
  const H = P(hv);
  out.push(arrow(o.x, o.y, H.x, H.y, 'il-ink', 2.5));
  out.push(text(H.x - 14, H.y - 4, 'h', { size: 15, italic: true, anchor: 'end' }));
  // h + αv.
  const S = { x: H.x + alpha * u.x, y: H.y + alpha * u.y };
  out.push(arrow(H.x, H.y, S.x, S.y, 'il-c3', 2, true));
  out.push(arrow(o.x, o.y, S.x, S.y, 'il-c0', 2.5));
  out.push(text(S.x + 8, S.y - 6, t.add[lang], { size: 14, cls: 'il-text il-c0' }));
  // The erased vector: h minus its component along v̂ (a right angle where it meets).
  const E = P(erased);
  out.push(arrow(H.x, H.y, E.x, E.y, 'il-c1', 2, true));
  out.push(arrow(o.x, o.y, E.x, E.y, 'il-c1', 2.5));
  out.push(text(E.x - 10, E.y + 2, t.erase[lang], { size: 14, anchor: 'end', cls: 'il-text il-c1' }));
  out.push(text(o.x - 10, o.y + 18, '0', { size: 12, anchor: 'end', cls: 'il-muted-text' }));
  out.push('</svg>');
  return out.join('');
}

// ---- 3. superposition: five features in two dimensions (lesson 3) ----

function superposition(lang: FigureLanguage): string {
  const t: Record<string, Text> = {
    left: { en: '5 feature directions wⱼ in 2 dimensions', vi: '5 hướng đặc trưng wⱼ trong 2 chiều' },
    right: { en: 'reading each feature when only f₁ = 1 is active', vi: 'đọc từng đặc trưng khi chỉ f₁ = 1 hoạt động' },
    signal: { en: 'signal', vi: 'tín hiệu' },
    interference: { en: 'interference', vi: 'nhiễu giao thoa' },
    bias: { en: 'ReLU bias cuts small leaks', vi: 'bias của ReLU cắt phần rò nhỏ' },
  };
  const w = 680;
  const h = 340;
  const c = { x: 160, y: 180 };
  const R = 110;
  const out = [open(w, h, 'superposition')];
  out.push(text(c.x, 26, t.left[lang], { anchor: 'middle', size: 13 }));
  out.push(`<circle class="il-stroke il-muted" cx="${c.x}" cy="${c.y}" r="${R}" fill="none" stroke-dasharray="2 4"/>`);
  const dirs = Array.from({ length: 5 }, (_, j) => {
    const a = Math.PI / 2 - (2 * Math.PI * j) / 5;
    return { x: Math.cos(a), y: Math.sin(a) };
  });
  // The pentagon joining the tips, faint.
  out.push(
    `<polygon class="il-stroke il-muted" points="${dirs.map((d) => `${n2(c.x + R * d.x)},${n2(c.y - R * d.y)}`).join(' ')}" fill="none" stroke-width="1"/>`,
  );
  // Projections of w2 and w5 onto w1 (dashed) show the leak cos 72°.
  for (const j of [1, 4]) {
    const d = dirs[j];
    out.push(
      line(
        c.x + R * d.x,
        c.y - R * d.y,
        c.x,
        c.y - R * d.y,
        'il-stroke il-c1',
        ' stroke-width="1.5" stroke-dasharray="4 3"',
      ),
    );
  }
  dirs.forEach((d, j) => {
    const cls = j === 0 ? 'il-c0' : 'il-ink';
    out.push(arrow(c.x, c.y, c.x + R * d.x, c.y - R * d.y, cls, j === 0 ? 3 : 2));
    out.push(
      text(c.x + (R + 18) * d.x, c.y - (R + 18) * d.y + 5, `w${'₁₂₃₄₅'[j]}`, {
        anchor: 'middle',
        size: 14,
        italic: true,
        cls: j === 0 ? 'il-text il-c0' : undefined,
      }),
    );
  });
  out.push(
    text(c.x + 5, c.y - R * Math.cos((2 * Math.PI) / 5) - 10, 'cos 72° ≈ 0.31', { size: 11, cls: 'il-text il-c1' }),
  );
  // Right: the read-outs w_iᵀ h for h = w1, as bars, with a ReLU bias line.
  const reads = dirs.map((d) => d.x * dirs[0].x + d.y * dirs[0].y);
  const px = 370;
  const pw = 280;
  const py = 70;
  const ph = 220;
  out.push(text(px + pw / 2, 26, t.right[lang], { anchor: 'middle', size: 13 }));
  const fy = (v: number) => py + ((1 - v) / 2) * ph; // [-1, 1] → [py + ph, py]
  for (const v of [-1, -0.5, 0, 0.5, 1]) {
    out.push(
      line(
        px,
        fy(v),
        px + pw,
        fy(v),
        v === 0 ? 'il-stroke il-ink' : 'il-grid',
        v === 0 ? ' stroke-width="1"' : ' stroke-width="1"',
      ),
    );
    out.push(text(px - 6, fy(v) + 4, String(v).replace('-', '−'), { anchor: 'end', size: 11, cls: 'il-tick' }));
  }
  const bw = pw / 5;
  reads.forEach((v, j) => {
    const x = px + j * bw + bw * 0.2;
    const y = Math.min(fy(v), fy(0));
    const hh = Math.abs(fy(v) - fy(0));
    out.push(
      `<rect class="il-fill ${j === 0 ? 'il-c0' : 'il-c1'}" x="${n2(x)}" y="${n2(y)}" width="${n2(bw * 0.6)}" height="${n2(hh)}" fill-opacity="0.85"/>`,
    );
    out.push(
      text(x + bw * 0.3, v >= 0 ? y - 5 : y + hh + 14, v.toFixed(2).replace('-', '−'), { anchor: 'middle', size: 11 }),
    );
    out.push(text(x + bw * 0.3, py + ph + 22, `w${'₁₂₃₄₅'[j]}ᵀh`, { anchor: 'middle', size: 12, italic: true }));
  });
  const b = 0.5;
  out.push(line(px, fy(b), px + pw, fy(b), 'il-stroke il-c3', ' stroke-width="1.5" stroke-dasharray="6 4"'));
  out.push(text(px + pw, fy(b) - 6, t.bias[lang], { anchor: 'end', size: 11, cls: 'il-text il-c3' }));
  out.push(text(px + bw * 0.5, py + ph + 42, t.signal[lang], { anchor: 'middle', size: 11, cls: 'il-text il-c0' }));
  out.push(text(px + bw * 3, py + ph + 42, t.interference[lang], { anchor: 'middle', size: 11, cls: 'il-text il-c1' }));
  out.push('</svg>');
  return out.join('');
}

// ---- 4. the IOI circuit in GPT-2 small, by head class (lesson 3) ----
// Head numbers (layer.head) as Wang et al. (2023, ICLR version) give them: name movers 9.6, 9.9, 10.0 and negative name
// movers 10.7, 11.10 (§3.1); S-inhibition 7.3, 7.9, 8.6, 8.10 (§3.2); duplicate-token 0.1, 3.0 and the "fuzzy" 0.10
// (§3.3, appendices C and I); induction 5.5, 6.9 and the "fuzzy" 5.8, 5.9 (appendices C and H); previous-token 2.2, 4.11
// (appendix D); backup name movers 9.0, 9.7, 10.1, 10.2, 10.6, 10.10, 11.2, 11.9 (appendix F). The table of appendix K
// (their figure 20) lists all 26 by class. The boxes' heights follow the layers (later layers higher up).

function ioiCircuit(lang: FigureLanguage): string {
  const t: Record<string, Text> = {
    prevToken: { en: 'Previous token', vi: 'Token liền trước' },
    duplicate: { en: 'Duplicate token', vi: 'Token trùng lặp' },
    induction: { en: 'Induction', vi: 'Cảm ứng (induction)' },
    sInhibition: { en: 'S-inhibition', vi: 'Ức chế S' },
    nameMover: { en: 'Name mover', vi: 'Chuyển tên' },
    negative: { en: 'Negative name mover', vi: 'Chuyển tên âm' },
    backup: { en: 'Backup name mover', vi: 'Chuyển tên dự phòng' },
    heads: { en: 'heads', vi: 'đầu' },
    out: { en: 'logit of Mary ↑', vi: 'logit của Mary ↑' },
    layer: { en: 'layer ↑', vi: 'lớp ↑' },
    note1: { en: 'Heads as layer.head (9.9 = head 9 of layer 9).', vi: 'Đầu ghi là lớp.đầu (9.9 = đầu 9 của lớp 9).' },
    note2: {
      en: 'In brackets: weaker, “fuzzy” heads (Wang et al., 2023, app. C).',
      vi: 'Trong ngoặc: đầu yếu hơn, “mờ” (Wang và cộng sự, 2023, phụ lục C).',
    },
  };
  const w = 720;
  const h = 450;
  const out = [open(w, h, 'ioi-circuit')];
  const tokens = ['When', 'Mary', 'and', 'John', 'went', '…', 'John', 'gave', '…', 'to'];
  const tag: Record<number, string> = { 1: 'IO', 3: 'S1', 4: 'S1+1', 6: 'S2', 9: 'END' };
  const tx = (i: number) => 70 + i * 68;
  const ty = h - 40;
  tokens.forEach((s, i) => {
    out.push(
      text(tx(i), ty, s, { anchor: 'middle', size: 14, weight: i === 1 || i === 3 || i === 6 ? 'bold' : undefined }),
    );
    if (tag[i]) out.push(text(tx(i), ty + 20, tag[i], { anchor: 'middle', size: 11, cls: 'il-muted-text' }));
  });
  const bw = 176;
  /** A class of heads: its name, then one or more lines of head numbers. */
  const node = (x: number, y: number, label: string, heads: string[], c: string) => {
    const bh = 44 + 14 * (heads.length - 1);
    return (
      box(x - bw / 2, y - 22, bw, bh, `il-box ${c}`) +
      text(x, y - 4, label, { anchor: 'middle', size: 12, weight: 'bold' }) +
      heads
        .map((s, i) =>
          text(x, y + 13 + 14 * i, i === 0 ? `${t.heads[lang]} ${s}` : s, {
            anchor: 'middle',
            size: 11,
            cls: 'il-muted-text',
          }),
        )
        .join('')
    );
  };
  const P = {
    prev: { x: tx(4) - 28, y: 330 },
    dup: { x: tx(6) + 20, y: 330 },
    ind: { x: tx(6) + 20, y: 250 },
    sinh: { x: w - 8 - bw / 2, y: 190 },
    nm: { x: w - 8 - bw / 2, y: 110 },
    neg: { x: tx(5) + 10, y: 110 },
    backup: { x: tx(1) + 50, y: 110 },
  };
  // Edges first, under the boxes.
  out.push(arrow(tx(3), ty - 18, P.prev.x - 30, P.prev.y + 22, 'il-ink', 1.5));
  out.push(arrow(tx(6), ty - 18, P.dup.x - 10, P.dup.y + 22, 'il-ink', 1.5));
  out.push(arrow(P.prev.x + 20, P.prev.y - 22, P.ind.x - 40, P.ind.y + 22, 'il-c4', 2));
  out.push(arrow(P.dup.x + 30, P.dup.y - 22, P.sinh.x - 10, P.sinh.y + 22, 'il-c4', 2));
  out.push(arrow(P.ind.x + 40, P.ind.y - 22, P.sinh.x - 40, P.sinh.y + 22, 'il-c4', 2));
  out.push(arrow(P.sinh.x, P.sinh.y - 22, P.nm.x, P.nm.y + 22, 'il-c4', 2));
  // The name movers read Mary: up from the token, then across below the top row and above the middle boxes.
  const bend = { x: tx(1), y: 270 };
  out.push(line(tx(1), ty - 18, bend.x, bend.y, 'il-stroke il-ink', ' stroke-width="1.5" stroke-dasharray="5 4"'));
  out.push(arrow(bend.x, bend.y, P.nm.x - 64, P.nm.y + 22, 'il-ink', 1.5, true));
  out.push(arrow(P.nm.x, P.nm.y - 22, P.nm.x, 40, 'il-c2', 2.5));
  out.push(text(P.nm.x, 28, t.out[lang], { anchor: 'middle', size: 13, cls: 'il-text il-c2' }));
  out.push(node(P.prev.x, P.prev.y, t.prevToken[lang], ['2.2, 4.11'], 'il-c5'));
  out.push(node(P.dup.x, P.dup.y, t.duplicate[lang], ['0.1, 3.0 (0.10)'], 'il-c5'));
  out.push(node(P.ind.x, P.ind.y, t.induction[lang], ['5.5, 6.9 (5.8, 5.9)'], 'il-c3'));
  out.push(node(P.sinh.x, P.sinh.y, t.sInhibition[lang], ['7.3, 7.9, 8.6, 8.10'], 'il-c4'));
  out.push(node(P.nm.x, P.nm.y, t.nameMover[lang], ['9.6, 9.9, 10.0'], 'il-c2'));
  out.push(node(P.neg.x, P.neg.y, t.negative[lang], ['10.7, 11.10'], 'il-c1'));
  out.push(node(P.backup.x, P.backup.y, t.backup[lang], ['9.0, 9.7, 10.1, 10.2,', '10.6, 10.10, 11.2, 11.9'], 'il-c0'));
  out.push(text(40, 26, t.note1[lang], { size: 11, cls: 'il-muted-text' }));
  out.push(text(40, 42, t.note2[lang], { size: 11, cls: 'il-muted-text' }));
  // Later layers higher up.
  out.push(arrow(22, ty - 30, 22, 60, 'il-muted', 1.5));
  out.push(
    text(16, h / 2, t.layer[lang].replace(' ↑', ''), { anchor: 'middle', size: 11, cls: 'il-muted-text' }).replace(
      '<text',
      `<text transform="rotate(-90 16 ${h / 2})"`,
    ),
  );
  out.push('</svg>');
  return out.join('');
}

// ---- 5. grokking: train and test accuracy with the three phases (lesson 4) ----

/**
 * A model of the curves in Nanda et al. (2023), not a training run: train accuracy saturates within the memorisation
 * phase (to ~1.4k epochs), test accuracy stays at chance (1/113) through circuit formation (to ~9.4k) and rises in
 * cleanup (to ~13k). Logistic curves in log epochs, with those boundaries.
 */
export function grokkingCurves(): { epochs: number[]; train: number[]; test: number[]; phases: number[] } {
  const epochs = Array.from({ length: 121 }, (_, i) => Math.pow(10, 1 + (i / 120) * 3.3)); // 10 .. 20k
  const logistic = (x: number, mid: number, steep: number) =>
    1 / (1 + Math.exp(-steep * (Math.log10(x) - Math.log10(mid))));
  const chance = 1 / 113;
  return {
    epochs,
    train: epochs.map((e) => chance + (1 - chance) * logistic(e, 400, 9)),
    test: epochs.map((e) => chance + (1 - chance) * logistic(e, 11000, 22)),
    phases: [1400, 9400, 13000],
  };
}

function grokking(lang: FigureLanguage): string {
  const t: Record<string, Text> = {
    train: { en: 'train accuracy', vi: 'độ chính xác huấn luyện' },
    test: { en: 'test accuracy', vi: 'độ chính xác kiểm tra' },
    x: { en: 'training epochs (log scale)', vi: 'số epoch huấn luyện (thang log)' },
    y: { en: 'accuracy', vi: 'độ chính xác' },
    p1: { en: 'memorisation', vi: 'ghi nhớ' },
    p2: { en: 'circuit formation', vi: 'hình thành mạch' },
    p3: { en: 'cleanup', vi: 'dọn dẹp' },
    note: { en: 'schematic, after Nanda et al. (2023)', vi: 'sơ đồ, theo Nanda và cộng sự (2023)' },
  };
  const { epochs, train, test, phases } = grokkingCurves();
  const w = 640;
  const h = 360;
  const m = { left: 62, right: 20, top: 56, bottom: 74 };
  const pw = w - m.left - m.right;
  const ph = h - m.top - m.bottom;
  const lx0 = 1;
  const lx1 = Math.log10(epochs[epochs.length - 1]);
  const fx = (e: number) => m.left + ((Math.log10(e) - lx0) / (lx1 - lx0)) * pw;
  const fy = (v: number) => m.top + (1 - v) * ph;
  const out = [open(w, h, 'grokking')];
  // Phase bands.
  const bounds = [epochs[0], ...phases];
  const names = [t.p1[lang], t.p2[lang], t.p3[lang]];
  for (let i = 0; i < 3; i++) {
    const x0 = fx(bounds[i]);
    const x1 = fx(bounds[i + 1]);
    out.push(
      `<rect class="il-band il-fill il-c${[5, 4, 2][i]}" x="${n2(x0)}" y="${m.top}" width="${n2(x1 - x0)}" height="${ph}"/>`,
    );
    // The cleanup band is narrow: its label ends at the plot's edge, a row above the others.
    out.push(
      i === 2
        ? text(m.left + pw, m.top - 28, `${i + 1}. ${names[i]}`, { anchor: 'end', size: 12 })
        : text((x0 + x1) / 2, m.top - 10, `${i + 1}. ${names[i]}`, { anchor: 'middle', size: 12 }),
    );
  }
  for (const v of niceTicks(0, 1)) {
    out.push(line(m.left, fy(v), m.left + pw, fy(v), 'il-grid', ' stroke-width="1"'));
    out.push(text(m.left - 6, fy(v) + 4, String(v), { anchor: 'end', size: 11, cls: 'il-tick' }));
  }
  for (const e of [10, 100, 1000, 10000]) {
    out.push(line(fx(e), m.top, fx(e), m.top + ph, 'il-grid', ' stroke-width="1"'));
    out.push(
      text(fx(e), m.top + ph + 16, e >= 1000 ? `${e / 1000}k` : String(e), {
        anchor: 'middle',
        size: 11,
        cls: 'il-tick',
      }),
    );
  }
  out.push(`<rect class="il-frame" x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none"/>`);
  const d = (ys: number[]) => ys.map((y, i) => `${i ? 'L' : 'M'}${n2(fx(epochs[i]))} ${n2(fy(y))}`).join('');
  out.push(`<path class="il-series il-c0" d="${d(train)}" fill="none" stroke-width="2.5"/>`);
  out.push(`<path class="il-series il-c1" d="${d(test)}" fill="none" stroke-width="2.5" stroke-dasharray="7 4"/>`);
  out.push(text(m.left + pw / 2, h - 38, t.x[lang], { anchor: 'middle', size: 12, cls: 'il-label' }));
  out.push(
    text(16, m.top + ph / 2, t.y[lang], { anchor: 'middle', size: 12, cls: 'il-label' }).replace(
      '<text',
      `<text transform="rotate(-90 16 ${m.top + ph / 2})"`,
    ),
  );
  // Legend.
  const ly = h - 14;
  out.push(line(m.left, ly - 4, m.left + 24, ly - 4, 'il-series il-c0', ' stroke-width="2.5"'));
  out.push(text(m.left + 30, ly, t.train[lang], { size: 12 }));
  out.push(
    line(m.left + 200, ly - 4, m.left + 224, ly - 4, 'il-series il-c1', ' stroke-width="2.5" stroke-dasharray="7 4"'),
  );
  out.push(text(m.left + 230, ly, t.test[lang], { size: 12 }));
  // Inside the plot's empty top-left corner: beside the legend it collided with the longer Vietnamese labels.
  out.push(text(m.left + 8, m.top + 16, t.note[lang], { size: 11, cls: 'il-muted-text', italic: true }));
  out.push('</svg>');
  return out.join('');
}

// ---- 6. the emergence mirage: p against p^k (lesson 5), drawn by the snippet engine's plotToSvg ----

/** The emergence-mirage snippet's defaults without its sampling: p from 0.5 to 0.99 over 10^7..10^11 parameters, k = 10. */
export function mirageCurves(k = 10): { logN: number[]; p: number[]; pk: number[] } {
  const logN = Array.from({ length: 41 }, (_, i) => 7 + (4 * i) / 40);
  const p = logN.map((x) => 0.5 + (0.99 - 0.5) * ((x - 7) / 4));
  return { logN, p, pk: p.map((v) => Math.pow(v, k)) };
}

function mirage(lang: FigureLanguage): string {
  const { logN, p, pk } = mirageCurves();
  const plot: XYPlot = {
    kind: 'xy',
    id: 'mirage-figure',
    title: {
      en: 'Per-token accuracy p rises evenly; exact match p¹⁰ jumps',
      vi: 'Độ chính xác theo token p tăng đều; exact match p¹⁰ nhảy vọt',
    },
    xLabel: { en: 'model size (log10 parameters)', vi: 'kích thước mô hình (log10 số tham số)' },
    yLabel: { en: 'accuracy', vi: 'độ chính xác' },
    yDomain: [0, 1],
    hLines: [0.5],
    series: [
      {
        name: { en: 'per-token accuracy p', vi: 'độ chính xác theo token p' },
        type: 'line',
        points: logN.map((x, i) => [x, p[i]]),
      },
      {
        name: { en: 'exact match over k = 10 tokens, p¹⁰', vi: 'exact match trên k = 10 token, p¹⁰' },
        type: 'line',
        points: logN.map((x, i) => [x, pk[i]]),
        color: 1,
      },
    ],
  };
  return plotToSvg(plot, lang, { width: 600, height: 340 });
}

/** Every figure file, by name under lessons/figures/. */
export function buildFigures(): Map<string, string> {
  const out = new Map<string, string>();
  const figures: [string, (l: FigureLanguage) => string][] = [
    ['residual-stream', residualStream],
    ['steering', steering],
    ['superposition', superposition],
    ['ioi-circuit', ioiCircuit],
    ['grokking', grokking],
    ['mirage', mirage],
  ];
  for (const [name, draw] of figures)
    for (const lang of FIGURE_LANGUAGES) out.set(`${name}.${lang}.svg`, `${draw(lang)}\n`);
  return out;
}

export const FIGURES_DIR = path.resolve(__dirname, '..', 'lessons', 'figures');

if (require.main === module) {
  fs.mkdirSync(FIGURES_DIR, { recursive: true });
  const figures = buildFigures();
  for (const f of fs.readdirSync(FIGURES_DIR))
    if (f.endsWith('.svg') && !figures.has(f)) fs.rmSync(path.join(FIGURES_DIR, f));
  for (const [name, svg] of figures) fs.writeFileSync(path.join(FIGURES_DIR, name), svg);
  console.log(`wrote ${figures.size} figures to ${path.relative(process.cwd(), FIGURES_DIR)}`);
}
