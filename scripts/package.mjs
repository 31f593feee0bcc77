#!/usr/bin/env node
// `npm run package [-- --out FILE] [--no-build]`: a production build and a VSIX made with vsce.
// Everything the extension runs is bundled into dist/, so vsce is told not to collect
// node_modules (--no-dependencies), which also keeps it offline. .vscodeignore decides what ships.
//
//   --out FILE   where to write the VSIX (default: agentify-<version>.vsix in the repo root)
//   --no-build   package dist/ as it is (the end-to-end tests package the build `npm test` made)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(args, { quiet = false } = {}) {
  const res = spawnSync(process.execPath, args, { cwd: root, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (res.status !== 0) {
    const output = quiet ? `\n${res.stdout}${res.stderr}` : '';
    throw new Error(
      `${path.basename(args[0])} ${args.slice(1).join(' ')} failed (exit ${res.status ?? res.signal})${output}`,
    );
  }
  return res;
}

/**
 * Builds (unless build is false) and packages the extension.
 * @param {{ out?: string, build?: boolean, quiet?: boolean }} [options]
 * @returns {{ file: string, bytes: number }}
 */
export function packageExtension({ out, build = true, quiet = false } = {}) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const file = path.resolve(root, out ?? `${pkg.name}-${pkg.version}.vsix`);
  mkdirSync(path.dirname(file), { recursive: true });
  if (build) run(['esbuild.mjs', '--production'], { quiet });
  else statSync(path.join(root, 'dist', 'extension.js'));
  run([path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', file], {
    quiet,
  });
  return { file, bytes: statSync(file).size };
}

function readArgs(argv) {
  const usage = 'usage: npm run package -- [--out FILE] [--no-build]';
  try {
    const { values } = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, 'no-build': { type: 'boolean', default: false } },
    });
    return { out: values.out, build: !values['no-build'] };
  } catch (err) {
    throw new Error(`${err.message.replace(/\.?$/, '.')} ${usage}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const { file, bytes } = packageExtension(readArgs(process.argv.slice(2)));
    const shown = path.relative(process.cwd(), file);
    console.log(`VSIX ${shown.startsWith('..') ? file : shown} (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
