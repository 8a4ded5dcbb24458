import { firstRect, FLASH_NAME, highlightsSupported, type DrawnHighlight } from './draw';

/** How long a revealed highlight stays flashed. */
const FLASH_MS = 1500;

/** Reveals highlights on the host's request; one flash at a time. */
export class HighlightReveal {
  private flashTimer: number | undefined;

  /** Scrolls a highlight to the middle of the panel and flashes it (a second Highlight, shown for a moment). */
  reveal(h: DrawnHighlight | undefined): void {
    if (!h || !highlightsSupported()) return;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const rect = firstRect(h);
    window.scrollTo({
      top: Math.max(0, window.scrollY + rect.top + rect.height / 2 - window.innerHeight / 2),
      behavior: reduced ? 'auto' : 'smooth',
    });
    const flash = new Highlight(...h.ranges);
    flash.priority = 1;
    CSS.highlights.set(FLASH_NAME, flash);
    if (this.flashTimer !== undefined) clearTimeout(this.flashTimer);
    this.flashTimer = window.setTimeout(() => {
      this.flashTimer = undefined;
      if (CSS.highlights.get(FLASH_NAME) === flash) CSS.highlights.delete(FLASH_NAME);
    }, FLASH_MS);
  }
}
