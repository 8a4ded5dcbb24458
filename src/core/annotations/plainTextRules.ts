// The element rules of a lesson's plain text, shared by the two walkers that must agree to the character: the
// HTML tokenizer of the extension host (plainText.ts) and the DOM walker of the reader page
// (src/webview/annotations/plainText.ts). Pure and tiny: the page bundles it. The rules in words:
// docs/annotations-anchoring.md.

/** How an element's text counts, decided per element from its parent's mode and its own name and attributes. */
export enum TextMode {
  /** Ordinary text: every text node counts. */
  Normal = 0,
  /** Skipped with everything inside (buttons, aria-hidden, notes about the page, figures, svg …). */
  Skip = 1,
  /** Inside a `.katex` formula, outside its TeX annotation: nothing counts. */
  Formula = 2,
  /** Inside a formula's `annotation[encoding="application/x-tex"]`: counts, as part of the formula. */
  FormulaTex = 3,
  /** Inside `.il-math-error`, outside its `.il-math-error-tex`: nothing counts. */
  MathError = 4,
  /** Inside `.il-math-error-tex`: counts. */
  MathErrorTex = 5,
}

/** Elements skipped with their content, by (lower-case) local name. */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set(['button', 'svg', 'script', 'style', 'template']);
/** Elements skipped with their content, by class (`il-note`: the note cards the page puts among the lesson's
 * blocks on a narrow page; the renderer never writes one). */
export const SKIPPED_CLASSES: readonly string[] = ['il-unformatted-note', 'il-figure', 'il-figure-problem', 'il-note'];
export const FORMULA_CLASS = 'katex';
export const MATH_ERROR_CLASS = 'il-math-error';
export const MATH_ERROR_TEX_CLASS = 'il-math-error-tex';
export const TEX_ENCODING = 'application/x-tex';

/** Whether a mode's text nodes count in the plain text. */
export function countsText(mode: TextMode): boolean {
  return mode === TextMode.Normal || mode === TextMode.FormulaTex || mode === TextMode.MathErrorTex;
}

/** Whether `className` (a class attribute) has `name` among its ASCII-whitespace separated classes. */
export function hasClass(className: string, name: string): boolean {
  if (!className || className.indexOf(name) < 0) return false;
  const n = className.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(className.charCodeAt(i))) i++;
    const s = i;
    while (i < n && !isSpace(className.charCodeAt(i))) i++;
    if (i - s === name.length && className.startsWith(name, s)) return true;
  }
  return false;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

/**
 * The mode of an element whose parent has mode `parent`. `tag` is its lower-case local name; `className`,
 * `ariaHidden` and `encoding` its class, aria-hidden and encoding attributes ('' when absent). The order of the
 * checks is the precedence: skipped beats formula, formula beats math error.
 */
export function childMode(
  parent: TextMode,
  tag: string,
  className: string,
  ariaHidden: string,
  encoding: string,
): TextMode {
  if (parent === TextMode.Skip) return TextMode.Skip;
  if (SKIPPED_TAGS.has(tag) || ariaHidden === 'true') return TextMode.Skip;
  for (const c of SKIPPED_CLASSES) if (hasClass(className, c)) return TextMode.Skip;
  if (parent === TextMode.Formula || parent === TextMode.FormulaTex)
    return parent === TextMode.FormulaTex || (tag === 'annotation' && encoding === TEX_ENCODING)
      ? TextMode.FormulaTex
      : TextMode.Formula;
  if (hasClass(className, FORMULA_CLASS)) return TextMode.Formula;
  if (parent === TextMode.MathError)
    return hasClass(className, MATH_ERROR_TEX_CLASS) ? TextMode.MathErrorTex : TextMode.MathError;
  if (hasClass(className, MATH_ERROR_CLASS)) return TextMode.MathError;
  return parent;
}
