/**
 * The README's main command, as a user runs it: `npm run demo` (here with `--check`, which drives
 * the workbench in headless Chromium and stops by itself) starts DynamoDB Local and the VS Code
 * host, the Demo Viewer opens by itself, a prompt run from it completes, and everything it
 * started is stopped again. `--no-build` packages the build `npm test` just made.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths';

function runDemoCheck(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'demo.mjs'), '--check', '--no-build'], {
      cwd: REPO_ROOT,
      env: { ...process.env, AGENTIFY_DEMO_CHECK: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('npm run demo', () => {
  it('opens the Demo Viewer by itself, runs a prompt from it to completion, and stops everything', async () => {
    const { code, output } = await runDemoCheck();
    expect(output, output).toContain('Demo Viewer open');
    expect(output).toMatch(/run from the viewer: .*Completed; agents planner, researcher, writer/);
    expect(output).toContain('VS Code host stopped');
    expect(output).toContain('local DynamoDB stopped');
    expect(output).toContain('check passed');
    expect(code).toBe(0);
  });
});
