/**
 * Formula images for hovers: VS Code renders hover markdown without math, so a formula is shown as an
 * SVG `data:` URI (pre-rendered at build time with MathJax, glyphs as paths: no fonts needed).
 */
import { bytesToBase64 } from '../text/base64';

const UNSAFE_SVG =
  /<script|<foreignObject|<iframe|<image|<a[\s>]|\bon[a-z]+\s*=|javascript:|(?:xlink:)?href\s*=\s*["'](?!#)/i;

/** True when an SVG is inert as an image: no script, handlers, foreign content, external references. */
export function isInertSvg(svg: string): boolean {
  return /^\s*<svg[\s>]/.test(svg) && /<\/svg>\s*$/.test(svg) && !UNSAFE_SVG.test(svg);
}

/**
 * `data:image/svg+xml;base64,…` for an SVG whose glyphs use `currentColor`, painted in `color`
 * (an <img> has no inherited text colour, so the caller picks one for the theme). Undefined if not inert.
 */
export function svgDataUri(svg: string, color?: string): string | undefined {
  if (!isInertSvg(svg)) return undefined;
  let s = svg.trim();
  if (color) {
    if (!/^#[0-9a-f]{3,8}$|^[a-z]+$/i.test(color)) return undefined;
    s = s.replace(/^<svg/, `<svg color="${color}"`);
  }
  return `data:image/svg+xml;base64,${base64Utf8(s)}`;
}

function base64Utf8(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}

/** Formula images per entry and colour, from pre-rendered SVGs keyed by TeX source; cached. */
export class FormulaImages {
  private readonly cache = new Map<string, string | undefined>();
  constructor(private readonly svgs: Readonly<Record<string, string>>) {}

  /** The image URI for `tex`, or undefined (no pre-rendered SVG: show the TeX source instead). */
  uri(tex: string, color?: string): string | undefined {
    const key = `${color ?? ''}\u0000${tex}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const svg = Object.prototype.hasOwnProperty.call(this.svgs, tex) ? this.svgs[tex] : undefined;
    const uri = svg ? svgDataUri(svg, color) : undefined;
    this.cache.set(key, uri);
    return uri;
  }
}
