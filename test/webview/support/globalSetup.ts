/**
 * The webview bundles are built once, before any Chromium test file starts, from the current
 * sources. Test files then only load them: none rewrites `dist/webview` while another's page is
 * reading it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export function setup(): void {
  execFileSync('node', ['esbuild.mjs'], { cwd: path.resolve(__dirname, '..', '..', '..'), stdio: 'ignore' });
}
