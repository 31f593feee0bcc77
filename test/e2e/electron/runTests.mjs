#!/usr/bin/env node
// `npm run test:electron`: the integration checks in desktop VS Code (Electron), for machines that
// can download it. @vscode/test-electron fetches VS Code into .vscode-test/, starts it with this
// repository as the extension development path on a copy of the sample workflow, and runs
// ./index.cjs in its extension host. Offline machines run the end-to-end suite on code-server
// instead (`npm run test:e2e`), which also checks what the webviews show.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { copyWorkspace, writeWorkspaceSettings } from '../../../scripts/vscode-host/workspace.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'agentify-electron-'));
try {
  const workspace = copyWorkspace(path.join(repoRoot, 'examples', 'research-team'), path.join(tmp, 'research-team'));
  // The embedded DynamoDB Local: the checks need no AWS account.
  writeWorkspaceSettings(workspace, { 'agentify.dynamodb.endpoint': 'local' });
  await runTests({
    version: process.env.AGENTIFY_VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(here, 'index.cjs'),
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${path.join(tmp, 'user-data')}`,
    ],
    extensionTestsEnv: { AGENTIFY_E2E_WORKSPACE: workspace },
  });
  console.log('desktop VS Code checks passed');
} catch (err) {
  console.error(`desktop VS Code checks failed: ${err?.message ?? err}`);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
