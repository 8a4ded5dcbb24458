import type * as vscode from 'vscode';
import type { KeyValueStore } from '../../core/activation';
import type { RenderService } from '../shared/render/renderService';
import type { ReaderView } from './readerView';
import type { ScrollStore } from './scrollStore';

/** The reader's small testing API: no test sets a field of the reader. */
export type ReaderTesting = RenderService['testing'] & {
  shownArticle(): readonly string[] | undefined;
  webviewPanel(): vscode.WebviewPanel | undefined;
  setScrollStorage(wrap: (real: KeyValueStore) => KeyValueStore): () => void;
};

/** Render limits and scroll storage (each setter returns its restore), the shown page's article and panel. */
export function readerTesting(
  renderService: RenderService,
  scroll: ScrollStore,
  view: () => ReaderView | undefined,
): ReaderTesting {
  return {
    ...renderService.testing,
    shownArticle: () => view()?.article,
    webviewPanel: () => view()?.panel.webviewPanel,
    setScrollStorage: (wrap) => scroll.replaceStorage(wrap),
  };
}
