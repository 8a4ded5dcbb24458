import * as fs from 'fs';
import * as path from 'path';

/**
 * Merges `{ [key]: value }` into `.test-host/<file>`, the figures `npm run bench` reads. Best effort: an installed
 * copy may not be writable, and the figure is optional. (In the web worker host, figures.web.ts.)
 */
export async function recordFigure(file: string, key: string, value: unknown): Promise<void> {
  try {
    const target = path.resolve(__dirname, '..', '..', '..', '.test-host', file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(fs.readFileSync(target, 'utf8')) as Record<string, unknown>;
    } catch {
      /* first figure */
    }
    await fs.promises.writeFile(target, JSON.stringify({ ...all, [key]: value }, null, 2));
  } catch {
    /* optional */
  }
}
