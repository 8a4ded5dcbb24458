import { readChannelJson, writeWorkspaceJson } from '../../web/helpers/channel';

/**
 * In the web worker host: merges `{ [key]: value }` into `<file>-web.json`, which the runner copies to
 * `.test-host/` (a figure of the web host never overwrites the Node host's). Best effort, as on desktop.
 */
export async function recordFigure(file: string, key: string, value: unknown): Promise<void> {
  const name = file.replace(/\.json$/, '-web.json');
  try {
    const all = (await readChannelJson<Record<string, unknown>>(name.replace(/\.json$/, '.figures.json'))) ?? {};
    await writeWorkspaceJson(name, { ...all, [key]: value });
  } catch {
    /* optional */
  }
}
