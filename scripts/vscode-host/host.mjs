// Owns one code-server process: a real VS Code workbench served on 127.0.0.1 with its own user
// data and extensions folders, the Agentify VSIX installed into it, and a clean stop of everything
// it started (the server's process group and any descendant that left it, such as a workflow
// process or a DynamoDB Local the extension spawned). Used by the end-to-end tests and
// `npm run demo`. Install the host first with `npm run host:install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CODE_SERVER_VERSION, codeServerEntry, nodeBinary } from './paths.mjs';

/**
 * Settings that keep the workbench quiet and deterministic: no trust prompt, welcome page,
 * telemetry, chat or update checks.
 */
export const QUIET_USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'workbench.enableExperiments': false,
  'window.commandCenter': false,
  'files.hotExit': 'off',
};

export function assertHostInstalled() {
  if (!existsSync(nodeBinary) || !existsSync(codeServerEntry)) {
    throw new Error(
      `The offline VS Code host (code-server ${CODE_SERVER_VERSION}) is not installed. ` +
        'Run `npm run host:install` first.',
    );
  }
}

export async function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Child pids of every process, read from /proc (Linux); empty elsewhere. */
function childrenByParent() {
  const map = new Map();
  let entries = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return map;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the parenthesised command name, which may itself hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!map.has(ppid)) map.set(ppid, []);
      map.get(ppid).push(Number(entry));
    } catch {
      /* the process ended while we read */
    }
  }
  return map;
}

/** Every descendant of pid, deepest first. */
export function descendantsOf(pid) {
  const map = childrenByParent();
  const out = [];
  const walk = (p) => {
    for (const c of map.get(p) ?? []) {
      walk(c);
      out.push(c);
    }
  };
  walk(pid);
  return out;
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

function alive(pid) {
  return signal(pid, 0);
}

/**
 * Stops a detached child and everything under it: SIGTERM to its process group and to each
 * descendant found beforehand (some put themselves in their own group), then SIGKILL to whatever
 * is still there after `graceMs`.
 */
export async function stopProcessTree(child, graceMs = 5000) {
  if (!child?.pid) return;
  const pids = [...descendantsOf(child.pid), child.pid];
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => child.once('exit', r));
  signal(-child.pid, 'SIGTERM');
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(alive)) await new Promise((r) => setTimeout(r, 100));
  signal(-child.pid, 'SIGKILL');
  for (const pid of pids) if (alive(pid)) signal(pid, 'SIGKILL');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
}

function codeServerEnv(baseDir, extraEnv) {
  return {
    ...process.env,
    // The private Node 24 runs the server; the extension host it forks inherits PATH, so keep the
    // machine's own tools (python3, java) reachable after it.
    PATH: `${path.dirname(nodeBinary)}${path.delimiter}${process.env.PATH ?? ''}`,
    // Keep code-server's own config, logs and caches out of the user's home.
    XDG_CONFIG_HOME: path.join(baseDir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(baseDir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(baseDir, 'xdg', 'cache'),
    // No extension gallery: the host only ever talks to 127.0.0.1 (code-server would query Open VSX).
    EXTENSIONS_GALLERY: '{}',
    ...extraEnv,
  };
}

function baseArgs(dirs) {
  return ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** Installs a VSIX into the host's extensions folder with code-server's own CLI. */
export function installExtension(dirs, vsix, env) {
  const res = spawnSync(nodeBinary, [codeServerEntry, ...baseArgs(dirs), '--force', '--install-extension', vsix], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (res.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`Installing ${vsix} into code-server failed (exit ${res.status ?? res.signal}):\n${output}`);
  }
  return output.trim();
}

async function waitForHealthy(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `code-server exited during start-up (${child.exitCode ?? child.signalCode}). Output:\n${output.join('\n')}`,
      );
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline)
      throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms. Output:\n${output.join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts code-server for one workspace folder.
 *
 * @param {object} options
 * @param {string} options.workspace   folder to open
 * @param {string} [options.vsix]      VSIX to install before start (`--install-extension`)
 * @param {string} [options.baseDir]   where user data, extensions and logs go; default a new temp
 *                                      folder (removed on stop)
 * @param {number} [options.port]      default: a free port
 * @param {object} [options.userSettings] merged over QUIET_USER_SETTINGS
 * @param {Record<string,string>} [options.env] extra environment for the server and its extension host
 * @param {(line: string) => void} [options.onLog] each line the server prints
 * @param {number} [options.startTimeoutMs] default 60 000
 */
export async function startCodeServer(options) {
  assertHostInstalled();
  const ownsBaseDir = !options.baseDir;
  const baseDir = options.baseDir ?? mkdtempSync(path.join(os.tmpdir(), 'agentify-host-'));
  const dirs = {
    config: path.join(baseDir, 'config.yaml'),
    userData: path.join(baseDir, 'user-data'),
    extensions: path.join(baseDir, 'extensions'),
  };
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  // An explicit config file, so code-server never writes a default one (with a password) to ~/.config.
  writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    `${JSON.stringify({ ...QUIET_USER_SETTINGS, ...options.userSettings }, null, 2)}\n`,
  );
  const env = codeServerEnv(baseDir, options.env);

  let installOutput;
  if (options.vsix) installOutput = installExtension(dirs, options.vsix, env);

  const port = options.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const args = [
    codeServerEntry,
    ...baseArgs(dirs),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    options.workspace,
  ];
  // detached: its own process group, so stop() reaches the extension host and what it spawned.
  const child = spawn(nodeBinary, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const onData = (chunk) => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (!line) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      options.onLog?.(line);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      await stopProcessTree(child);
      if (ownsBaseDir) rmSync(baseDir, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    await waitForHealthy(url, child, output, options.startTimeoutMs ?? 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const folderUrl = `${url}/?folder=${encodeURIComponent(options.workspace)}`;
  return { url, folderUrl, port, pid: child.pid, baseDir, dirs, installOutput, output, stop };
}

/** The extension host's log and Agentify's own logs (for a failure message). */
export function extensionHostLogs(baseDir) {
  const logsRoot = path.join(baseDir, 'user-data', 'logs');
  if (!existsSync(logsRoot)) return '';
  const found = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'exthost.log' || /agentify/i.test(path.relative(logsRoot, p))) found.push(p);
    }
  };
  walk(logsRoot);
  return found.map((f) => `── ${path.relative(logsRoot, f)}\n${readFileSync(f, 'utf8')}`).join('\n');
}
