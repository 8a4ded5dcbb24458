// The listing and the contributions that point at other things: every walkthrough completion event names a
// contributed command, a real setting or a context key the code sets; media, icons and welcome links exist.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ContextKeys, Walkthroughs } from '../../src/constants';

const root = path.join(__dirname, '..', '..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
const pkg = JSON.parse(read('package.json'));
const nls: Record<string, Record<string, string>> = {
  en: JSON.parse(read('package.nls.json')),
  vi: JSON.parse(read('package.nls.vi.json')),
};

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string | Record<string, string>; svg?: string };
  completionEvents?: string[];
}
const walkthroughs: { id: string; steps: Step[] }[] = pkg.contributes.walkthroughs ?? [];
const steps = walkthroughs.flatMap((w) => w.steps);
const commands = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
const settings = new Set(Object.keys(pkg.contributes.configuration.properties));
const views = new Set(
  Object.values(pkg.contributes.views as Record<string, { id: string }[]>).flatMap((v) => v.map((x) => x.id)),
);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Context keys src sets: `setContext', ContextKeys.x` or a `setContext(ContextKeys.x` helper. */
function contextKeysSet(): Set<string> {
  const names = new Set<string>();
  for (const f of sources(path.join(root, 'src'))) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/setContext['"]?\s*[,(]\s*ContextKeys\.(\w+)/g))
      names.add(m[1]);
  }
  return new Set([...names].map((n) => (ContextKeys as Record<string, string>)[n]).filter(Boolean));
}

/** Both translations of a manifest string (the string itself when it is not a %key%). */
function localized(value: string): string[] {
  const m = /^%(.+)%$/.exec(value);
  return m ? [nls.en[m[1]], nls.vi[m[1]]] : [value];
}

/** `command:id` links in a welcome or step text. */
function commandLinks(text: string): string[] {
  return [...text.matchAll(/\]\(command:(?:toSide:)?([\w.-]+)/g)].map((m) => m[1]);
}

describe('package.json listing and contributions', () => {
  it('has a 128×128 PNG icon, and every view icon exists', () => {
    const png = fs.readFileSync(path.join(root, pkg.icon));
    assert.strictEqual(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepStrictEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    for (const v of Object.values(pkg.contributes.views as Record<string, { icon?: string }[]>).flat()) {
      if (v.icon) assert.ok(fs.existsSync(path.join(root, v.icon)), v.icon);
    }
  });

  it('lists Marketplace categories without Other, at most 30 keywords, and a gallery banner', () => {
    const allowed = new Set(
      'Programming Languages,Snippets,Linters,Themes,Debuggers,Formatters,Keymaps,SCM Providers,Other,Extension Packs,Language Packs,Data Science,Machine Learning,Visualization,Notebooks,Education,Testing'.split(
        ',',
      ),
    );
    assert.deepStrictEqual(
      pkg.categories.filter((c: string) => !allowed.has(c)),
      [],
    );
    assert.ok(!pkg.categories.includes('Other'));
    assert.ok(pkg.keywords.length > 0 && pkg.keywords.length <= 30, `${pkg.keywords.length} keywords`);
    assert.strictEqual(new Set(pkg.keywords).size, pkg.keywords.length, 'no keyword twice');
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
  });

  it('has one walkthrough of four steps', () => {
    assert.strictEqual(walkthroughs.length, 1);
    assert.strictEqual(walkthroughs[0].id, Walkthroughs.gettingStarted);
    assert.strictEqual(steps.length, 4);
  });

  it('every walkthrough completion event names a contributed command, a setting or a context key the code sets', () => {
    const setKeys = contextKeysSet();
    const bad: string[] = [];
    for (const step of steps) {
      assert.ok(step.completionEvents?.length, `${step.id} completes on something`);
      for (const event of step.completionEvents ?? []) {
        const [kind, ...rest] = event.split(':');
        const name = rest.join(':');
        const ok =
          (kind === 'onCommand' && commands.has(name)) ||
          (kind === 'onSettingChanged' && settings.has(name)) ||
          (kind === 'onContext' && setKeys.has(name)) ||
          (kind === 'onView' && views.has(name));
        if (!ok) bad.push(`${step.id}: ${event}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('every walkthrough step has a markdown medium in English and Vietnamese, and those files exist', () => {
    for (const step of steps) {
      assert.ok(step.media.markdown, step.id);
      const [en, vi] = localized(step.media.markdown);
      assert.ok(en && vi && en !== vi, `${step.id}: a Vietnamese file of its own`);
      for (const f of [en, vi]) assert.ok(fs.existsSync(path.join(root, f)), f);
    }
  });

  it('walkthrough and welcome links run commands that exist', () => {
    const texts = [
      ...steps.map((s) => s.description),
      ...(pkg.contributes.viewsWelcome as { contents: string }[]).map((w) => w.contents),
    ].flatMap(localized);
    const unknown = texts.flatMap(commandLinks).filter((id) => !commands.has(id) && !id.startsWith('workbench.'));
    assert.deepStrictEqual(unknown, []);
    // Each translation offers the same buttons as the English text.
    for (const value of [
      ...steps.map((s) => s.description),
      ...pkg.contributes.viewsWelcome.map((w: { contents: string }) => w.contents),
    ]) {
      const [en, vi] = localized(value);
      assert.deepStrictEqual(commandLinks(vi), commandLinks(en), value);
    }
  });

  it('the Lessons view welcome shows when the course folder is empty, on a key the code sets', () => {
    const welcome = pkg.contributes.viewsWelcome.filter((w: { view: string }) => w.view === 'interpLessons.lessons');
    assert.strictEqual(welcome.length, 1);
    assert.strictEqual(welcome[0].when, ContextKeys.courseFolderEmpty);
    assert.ok(contextKeysSet().has(ContextKeys.courseFolderEmpty));
    const links = commandLinks(nls.en[welcome[0].contents.slice(1, -1)]);
    assert.deepStrictEqual(links, ['interpLessons.openCourseFolder', 'interpLessons.closeCourseFolder']);
  });

  // Issue 15, defects 9 and 12: contributions reach only the editors they are for, and hovers in the languages a
  // user adds to interpLessons.glossary.languages work without another trigger activating the extension first.
  it('editor context menu items show only in notes (or data files for a regression), never in every editor', () => {
    const items: { command: string; when?: string }[] = pkg.contributes.menus['editor/context'];
    assert.ok(items.length > 0);
    for (const item of items) {
      assert.match(item.when ?? '', new RegExp(ContextKeys.noteOpen.replace('.', '\\.')), item.command);
      assert.ok(contextKeysSet().has(ContextKeys.noteOpen));
    }
  });

  it('the glossary schema validates glossary files, not every JSON file with "glossary" in its name', () => {
    const matches: string[] = pkg.contributes.jsonValidation.flatMap((v: { fileMatch: string[] }) => v.fileMatch);
    assert.deepStrictEqual(matches, ['**/*.glossary.json']);
  });

  it('activates after start-up too, so hovers work in any language interpLessons.glossary.languages names', () => {
    assert.ok(pkg.activationEvents.includes('onStartupFinished'));
  });
});
