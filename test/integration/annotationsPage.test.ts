// Annotating in the real reader page (issue 16): the selection is made by the outer Playwright driver with the
// real mouse (test/host/page-driver.mjs), since mocha in the extension host cannot touch a webview's DOM.
import * as assert from 'assert';
import { showAndWait } from './helpers/lessons';
import { lessonsApi as api } from './helpers/api';
import { pageAction } from './helpers/page';

describe('Annotations in the page', () => {
  it('the driver selects lesson text with the mouse and the page holds that selection', async () => {
    const lessons = await api();
    const course = await lessons.courses.get('en');
    await showAndWait(lessons, course.lessons[0].id);
    const selected = await pageAction<string>({ action: 'select', text: 'mechanistic interpretability' });
    assert.strictEqual(selected.toLowerCase(), 'mechanistic interpretability');
  });
});
