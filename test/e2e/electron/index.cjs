// Runs inside desktop VS Code's extension host (see runTests.mjs), without a test framework: each
// check is an async function that throws on failure; run() rejects if any failed, which fails
// the VS Code process and so `npm run test:electron`. The checks are the host side of the
// end-to-end suite: the extension activates, contributes the commands and settings the product
// documents, answers Show Status, and opens the Demo Viewer panel.
/* global require, exports, console, setTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- VS Code loads this file with require() */
const assert = require('node:assert/strict');
const vscode = require('vscode');

const EXTENSION_ID = 'agentify.agentify';
const COMMANDS = [
  'agentify.openDemoViewer',
  'agentify.runWorkflow',
  'agentify.stopWorkflow',
  'agentify.openIdeationWizard',
  'agentify.initializeProject',
  'agentify.showStatus',
  'agentify.startLocalDynamoDb',
];
const SETTINGS = {
  'dynamodb.tableName': 'agentify-workflow-events',
  'aws.region': 'us-east-1',
  'aws.profile': '',
  'python.path': '',
  'workflow.entry': 'agents/main.py',
  'workflow.stdoutEvents': true,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, fn, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

const checks = {
  async 'the extension activates'() {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  },

  async 'every documented command is registered'() {
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      COMMANDS.filter((c) => !registered.has(c)),
      [],
    );
  },

  async 'settings are contributed with their documented defaults'() {
    const config = vscode.workspace.getConfiguration('agentify');
    for (const [key, value] of Object.entries(SETTINGS))
      assert.deepEqual(config.inspect(key)?.defaultValue, value, `agentify.${key}`);
    assert.equal(config.get('dynamodb.endpoint'), 'local', 'the workspace setting written by runTests.mjs');
  },

  async 'Show Status runs'() {
    // It resolves only once its notification is dismissed, so a rejection is all we wait for.
    const outcome = await Promise.race([
      Promise.resolve(vscode.commands.executeCommand('agentify.showStatus')).then(
        () => 'done',
        (err) => err,
      ),
      sleep(5000).then(() => 'showing'),
    ]);
    assert.ok(outcome === 'done' || outcome === 'showing', `Show Status failed: ${outcome?.message ?? outcome}`);
  },

  async 'Open Demo Viewer opens its webview panel'() {
    await vscode.commands.executeCommand('agentify.openDemoViewer');
    await until('a Demo Viewer tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .some((t) => t.input instanceof vscode.TabInputWebview && /agentify\.demoViewer/.test(t.input.viewType)),
    );
  },
};

exports.run = async function run() {
  const failures = [];
  for (const [name, check] of Object.entries(checks)) {
    try {
      await check();
      console.log(`  ✓ ${name}`);
    } catch (err) {
      failures.push(name);
      console.error(`  ✗ ${name}: ${err?.stack ?? err}`);
    }
  }
  if (failures.length)
    throw new Error(`${failures.length} of ${Object.keys(checks).length} checks failed: ${failures.join('; ')}`);
};
