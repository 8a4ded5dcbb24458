import type { RenderJob } from '../../../src/features/shared/render/renderJob';

/** A render job for a two-page course (m/01-a.md, m/02-b.md) rendering `markdown` as the first page. */
export const renderJobOf = (markdown: string, extra: Partial<RenderJob> = {}): RenderJob => ({
  markdown,
  lessonPath: 'm/01-a.md',
  pages: [
    { id: '01-a', path: 'm/01-a.md' },
    { id: '02-b', path: 'm/02-b.md' },
  ],
  runnableSnippets: [],
  labels: {},
  ...extra,
});
