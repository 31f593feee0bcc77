/**
 * The Demo Viewer showing a real run of the sample workflow: the Python decorators write their
 * events to stdout, and the test hands them to the webview as the host would. This checks the
 * viewer against what the producer really sends, not against a hand-written fixture.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../src/events/types';
import { isAgentifyEvent } from '../../src/events/validate';
import { StateNotification } from '../../src/protocol/demoViewer';
import { attrsOf, pw } from '../support/retrying';
import { WebviewHarness, sendToWebview, waitForPosted } from './support/webviewPage';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
let harness: WebviewHarness;

function runSample(workflowId: string): AgentifyEvent[] {
  const out = execFileSync(
    'python3',
    [
      path.join(ROOT, 'examples', 'research-team', 'agents', 'main.py'),
      'Compare three open-source vector databases for a small team',
    ],
    {
      cwd: path.join(ROOT, 'examples', 'research-team'),
      env: {
        ...process.env,
        PYTHONPATH: path.join(ROOT, 'python-decorators'),
        AGENTIFY_WORKFLOW_ID: workflowId,
        AGENTIFY_STDOUT: '1',
        AGENTIFY_TABLE_NAME: '',
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return out
    .split('\n')
    .filter((line) => line.startsWith('{"agentify":'))
    .map((line) => (JSON.parse(line) as { event: unknown }).event)
    .filter(isAgentifyEvent);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await WebviewHarness.start();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

describe('Demo Viewer with the sample workflow’s own events', () => {
  it('shows its agents, tool calls, spans and report', async () => {
    const events = runSample('wf-sample-real');
    expect(events.map((e) => e.event_type)).toEqual(
      expect.arrayContaining(['workflow_start', 'graph_structure', 'agent_start', 'tool_call', 'workflow_complete']),
    );
    const page = await harness.open({ bundle: 'demo-viewer', theme: 'dark', viewport: { width: 1400, height: 1000 } });
    await waitForPosted(page, 'ready');
    const run = {
      workflowId: 'wf-sample-real',
      prompt: 'Compare three open-source vector databases for a small team',
      startedAt: events[0].timestamp,
      status: 'completed',
      source: 'live',
    };
    await sendToWebview(page, {
      kind: 'notification',
      method: StateNotification.method,
      params: { run, events, history: [] },
    });
    await pw(page.locator('.timeline-count')).toHaveText(`${events.length} events`);
    await pw
      .poll(() => attrsOf(page.getByTestId('graph-node'), 'data-agent'))
      .toEqual(['planner', 'researcher', 'writer']);
    const toolNames = [
      ...new Set(events.filter((e) => e.event_type === 'tool_call').map((e) => String(e.payload['gen_ai.tool.name']))),
    ];
    await pw
      .poll(async () => [...new Set(await attrsOf(page.getByTestId('tool-call'), 'data-tool'))].sort())
      .toEqual(toolNames.sort());
    await pw(page.getByTestId('run-status')).toContainText('Completed');
    await pw.poll(async () => (await page.getByTestId('outcome').textContent())?.length ?? 0).toBeGreaterThan(50);
    await pw(page.locator('.span-row.kind-agent')).toHaveCount(3);
    await page.screenshot({ path: path.join(SHOTS, 'demo-viewer-sample-run-dark.png'), fullPage: true });
    await page.context().close();
  });
});
