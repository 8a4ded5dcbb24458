import * as fs from 'fs';
import * as path from 'path';

/** Asks the outer runner (test/host/run.mjs) for a workbench screenshot and waits for the file. */
export async function requestScreenshot(relative: string): Promise<void> {
  const file = path.resolve(__dirname, '..', '..', '..', relative);
  const before = fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
  console.log(`INTERP_SCREENSHOT ${JSON.stringify({ file: relative })}`);
  const start = Date.now();
  while (!(fs.existsSync(file) && fs.statSync(file).mtimeMs > before)) {
    if (Date.now() - start > 20_000) throw new Error(`screenshot ${relative} did not arrive`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
