#!/usr/bin/env node
// `npm run demo`: Agentify in a real VS Code, in your browser, with no AWS account.
//
//   1. installs the offline VS Code host if it is missing (`npm run host:install`)
//   2. builds and packages the extension (`npm run package`)
//   3. starts the embedded DynamoDB Local on 127.0.0.1 with the events table from the template
//   4. copies the sample workflow (examples/research-team) to .vscode-host/demo/ and points its
//      workspace settings at that server
//   5. starts code-server on 127.0.0.1 with the VSIX installed and that folder open, and prints the URL
//
// Open the URL: the Demo Viewer opens by itself (the demo workspace sets
// agentify.demoViewer.openOnStartup); type a prompt and press Run, or press F1 and run
// "Agentify: Run Workflow". Ctrl+C stops everything the demo started.
//
//   --check      start everything, open the workbench in headless Chromium, check the extension
//                activated (Show Status reports the table), the Demo Viewer opened and a prompt run
//                from it completes, then stop;
//                exits non-zero when something is wrong (also AGENTIFY_DEMO_CHECK=1)
//   --port N     port for the VS Code host (default 8080, or a free one when 8080 is taken)
//   --workspace DIR  demo another workflow folder instead of examples/research-team (copied too)
//   --no-build   package dist/ as it is
import { mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { require as tsxRequire } from 'tsx/cjs/api';
import { packageExtension } from './package.mjs';
import { findFreePort, startCodeServer, extensionHostLogs } from './vscode-host/host.mjs';
import { install } from './vscode-host/install.mjs';
import { hostDir, repoRoot } from './vscode-host/paths.mjs';
import {
  launchBrowser,
  openWorkbench,
  runCommand,
  screenshot,
  waitForNotification,
  webviewFrame,
} from './vscode-host/workbench.mjs';
import { copyWorkspace, localAwsEnv, writeWorkspaceSettings } from './vscode-host/workspace.mjs';

// The SDK's notice about future Node versions says nothing about the demo.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
// The extension's own code for the local server and the table, so the demo cannot drift from it.
const { startLocalDynamoDb, LOCAL_CREDENTIALS, LOCAL_REGION } = tsxRequire(
  '../src/localDb/localDynamoDb.ts',
  import.meta.url,
);
const { ensureEventsTable } = tsxRequire('../src/eventsTable/createEventsTable.ts', import.meta.url);
const { loadTableDefinition } = tsxRequire('../src/eventsTable/tableDefinition.ts', import.meta.url);

const EXAMPLE = path.join(repoRoot, 'examples', 'research-team');
const DEMO_DIR = path.join(hostDir, 'demo');
const CHECK_OUTPUT = path.join(repoRoot, 'test-output', 'demo');
const DEFAULT_PORT = 8080;
const CHECK_PROMPT = 'Compare two embedded vector stores for a laptop demo';
const USAGE = 'usage: npm run demo -- [--check] [--port N] [--workspace DIR] [--no-build]';

function log(msg) {
  console.log(`[demo] ${msg}`);
}

function readArgs(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        check: { type: 'boolean', default: process.env.AGENTIFY_DEMO_CHECK === '1' },
        'no-build': { type: 'boolean', default: false },
        port: { type: 'string' },
        workspace: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new Error(`${err.message.replace(/\.?$/, '.')} ${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new Error(`--port needs a number from 1 to 65535. ${USAGE}`);
  }
  const workspace = values.workspace === undefined ? EXAMPLE : path.resolve(values.workspace);
  return { check: values.check, build: !values['no-build'], port, workspace };
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort(requested) {
  if (requested) return requested;
  return (await portIsFree(DEFAULT_PORT)) ? DEFAULT_PORT : findFreePort();
}

/** Proves the demo works: the workbench loads, the extension activated, the Demo Viewer opens. */
async function check(host, tableName) {
  mkdirSync(CHECK_OUTPUT, { recursive: true });
  const browser = await launchBrowser();
  try {
    const page = await openWorkbench(browser, host.folderUrl);
    log('workbench loaded');
    await runCommand(page, 'Agentify: Show Status');
    const status = await waitForNotification(page, /^Agentify: /);
    log(`Show Status: ${status}`);
    if (!status.includes(tableName) || /does not exist|cannot reach|no aws credentials/i.test(status)) {
      throw new Error(`the extension does not see the demo table "${tableName}": ${status}`);
    }
    // The workspace opens the Demo Viewer by itself (agentify.demoViewer.openOnStartup).
    const viewer = await webviewFrame(page, '[data-testid="run-status"]', { timeoutMs: 60_000 });
    log('Demo Viewer open');
    log(`screenshot ${await screenshot(page, CHECK_OUTPUT, 'demo-viewer')}`);

    // The main job: a prompt typed into the viewer, Run, and the sample's run shown to its end.
    await viewer.fill('[data-testid="prompt-input"]', CHECK_PROMPT);
    await viewer.click('[data-testid="run-button"]');
    // Status and agents are read in one go, from the frame that shows the end: the graph is
    // drawn in the same pass as the status, so they describe the same moment.
    const runEnd = await viewer.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid="run-status"]')?.textContent ?? '';
        if (!/Completed|Failed|Stopped|Timed out/.test(text)) return undefined;
        const nodes = [...document.querySelectorAll('[data-testid="graph-node"]')];
        return { text, agents: nodes.map((n) => n.getAttribute('data-agent') ?? n.textContent ?? '') };
      },
      undefined,
      { timeout: 120_000, polling: 250 },
    );
    const { text: ended, agents } = await runEnd.jsonValue();
    log(`run from the viewer: ${ended}; agents ${agents.join(', ') || 'none'}`);
    log(`screenshot ${await screenshot(page, CHECK_OUTPUT, 'demo-run')}`);
    if (!ended.includes('Completed')) throw new Error(`the sample run from the Demo Viewer ended "${ended}"`);
  } finally {
    await browser.close();
  }
}

async function main() {
  let args;
  try {
    args = readArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`[demo] ${err.message}`);
    process.exit(2);
  }
  const started = Date.now();
  const cleanups = [];
  let stopping;
  const stopAll = () => {
    stopping ??= (async () => {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (err) {
          console.error(`[demo] while stopping: ${err.message}`);
        }
      }
    })();
    return stopping;
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      log('stopping…');
      void stopAll().then(() => process.exit(0));
    });
  }

  try {
    install();

    const vsix = path.join(DEMO_DIR, 'agentify.vsix');
    log(args.build ? 'building and packaging the extension' : 'packaging dist/ as it is');
    const { file, bytes } = packageExtension({ out: vsix, build: args.build, quiet: true });
    log(`VSIX ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB)`);

    const def = loadTableDefinition(repoRoot);
    const tableName = def.defaultTableName;
    const db = await startLocalDynamoDb({});
    cleanups.push(async () => {
      await db.stop();
      log('local DynamoDB stopped');
    });
    const client = new DynamoDBClient({ endpoint: db.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
      await ensureEventsTable(client, tableName, def);
    } finally {
      client.destroy();
    }
    log(`local DynamoDB at ${db.endpoint} with table "${tableName}" (in memory)`);

    const workspace = copyWorkspace(args.workspace, path.join(DEMO_DIR, path.basename(args.workspace)));
    writeWorkspaceSettings(workspace, {
      'agentify.dynamodb.endpoint': db.endpoint,
      'agentify.dynamodb.tableName': tableName,
      'agentify.aws.region': LOCAL_REGION,
      'agentify.demoViewer.openOnStartup': true,
    });
    log(`workspace ${workspace}`);

    const baseDir = path.join(DEMO_DIR, 'host');
    rmSync(baseDir, { recursive: true, force: true });
    const host = await startCodeServer({
      workspace,
      vsix,
      baseDir,
      port: await choosePort(args.port),
      env: localAwsEnv(LOCAL_CREDENTIALS, LOCAL_REGION),
    });
    cleanups.push(async () => {
      await host.stop();
      log('VS Code host stopped');
    });
    log(`VS Code host (code-server) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    if (args.check) {
      try {
        await check(host, tableName);
      } catch (err) {
        console.error(`[demo] check failed: ${err.message}\n${extensionHostLogs(baseDir)}`);
        process.exitCode = 1;
      }
      await stopAll();
      log(process.exitCode ? 'check FAILED' : 'check passed');
      process.exit();
    }

    console.log('');
    console.log(`  Open ${host.folderUrl}`);
    console.log('  The Demo Viewer opens there: type a prompt and press Run (or F1 → "Agentify: Run Workflow").');
    console.log('  Ctrl+C stops the VS Code host and the local DynamoDB.');
    console.log('');
    // Stay up until a signal arrives.
    setInterval(() => undefined, 1 << 30);
  } catch (err) {
    console.error(`[demo] failed: ${err.message}`);
    await stopAll();
    process.exit(1);
  }
}

await main();
