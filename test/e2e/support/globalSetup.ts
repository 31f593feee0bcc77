/**
 * Once for the end-to-end run: makes sure the offline VS Code host is installed (a no-op when it
 * is) and packages the build `npm test` just made into a VSIX, so every file installs the
 * extension the way a user does rather than loading a development folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { SCREENSHOT_DIR } from './paths';
import { install } from '../../../scripts/vscode-host/install.mjs';
import { packageExtension } from '../../../scripts/package.mjs';

let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  install();
  // Screenshots and failure logs of this run only.
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  dir = mkdtempSync(path.join(os.tmpdir(), 'agentify-vsix-'));
  const { file } = packageExtension({ build: false, out: path.join(dir, 'agentify-e2e.vsix'), quiet: true });
  project.provide('vsixPath', file);
}

export async function teardown(): Promise<void> {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    vsixPath: string;
  }
}
