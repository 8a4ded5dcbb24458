// Issue 20's budgets, the Node extension host's side: the same measurements as the web journeys' (test/common/
// hostBudgets.ts), written to .test-host/host-budgets-node.json for `npm run bench -- webHost`, which
// compares them with the web worker host's. Not asserted as budgets (a shared, noisy machine): only that nothing
// hangs and that the measurements are of our lesson and our hover.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { extensionApi } from './helpers/api';
import { figuresFileName, nodeFiguresFileFor } from '../common/hostBudgetFigures';
import { measureHostBudgets, OPEN_RUNS, HOVER_RUNS } from '../common/hostBudgets';

describe('Host budgets (Node extension host)', function () {
  this.timeout(300_000);

  it('lesson 1 open → rendered and a glossary hover, measured for the comparison with the web host', async () => {
    const figures = await measureHostBudgets(await extensionApi(), 'node');
    console.log(`host budgets (node): ${JSON.stringify(figures)}`);
    assert.strictEqual(figures.processDefined, true, 'this is the Node extension host');
    assert.ok(figures.openToRendered.katexCount >= 5, 'lesson 1 rendered with its math');
    assert.strictEqual(figures.openToRendered.runsMs.length, OPEN_RUNS);
    assert.strictEqual(figures.hover.runsMs.length, HOVER_RUNS);
    const dir = path.resolve(__dirname, '..', '..', '..', '.test-host');
    fs.mkdirSync(dir, { recursive: true });
    for (const name of [figuresFileName('node'), nodeFiguresFileFor(figures.vscodeVersion)])
      fs.writeFileSync(path.join(dir, name), `${JSON.stringify(figures, null, 2)}\n`);
  });
});
