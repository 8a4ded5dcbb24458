// Issue 20's budgets, the web worker extension host's side: the same measurements as the Node host's
// (test/common/hostBudgets.ts), left for the runner, which copies them to .test-host/host-budgets-web.json;
// `npm run bench -- webHost` compares them with the Node host's. Not asserted as budgets: only that nothing
// hangs and that the measurements are of our lesson and our hover.
import { extensionApi } from '../integration/helpers/api';
import * as assert from '../common/assert';
import { figuresFileName, HOVER_RUNS, measureHostBudgets, OPEN_RUNS } from '../common/hostBudgets';
import { writeWorkspaceJson } from './helpers/channel';

describe('Host budgets (web worker extension host)', function () {
  this.timeout(300_000);

  it('lesson 1 open → rendered and a glossary hover, measured for the comparison with the Node host', async () => {
    const figures = await measureHostBudgets(await extensionApi(), 'web');
    console.log(`host budgets (web): ${JSON.stringify(figures)}`);
    assert.strictEqual(figures.processDefined, false, 'this is the web worker extension host');
    assert.ok(figures.openToRendered.katexCount >= 5, 'lesson 1 rendered with its math');
    assert.strictEqual(figures.openToRendered.runsMs.length, OPEN_RUNS);
    assert.strictEqual(figures.hover.runsMs.length, HOVER_RUNS);
    await writeWorkspaceJson(figuresFileName('web'), figures);
  });
});
