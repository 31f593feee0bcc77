/**
 * The Demo Viewer's agent registrations in real headless Chromium: the webview asks for the shown
 * run's agents, the test answers as the host does (the real lookup over a memory-only registry),
 * and each agent shows whether it is registered, its capabilities and endpoint, as text.
 */
import { expect } from '@playwright/test';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { AgentifyEvent } from '../../src/events/types';
import { AgentRegistry } from '../../src/registry/agentRegistry';
import { lookupRegistrations } from '../../src/registry/runAgents';
import { RecordedHost, WebviewHarness, sendToWebview } from './support/webviewPage';

const XSS = '<img src=x onerror=window.__xss++>';
let harness: WebviewHarness;

beforeAll(async () => {
  harness = await WebviewHarness.start();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

const T0 = Date.UTC(2026, 0, 5, 9, 30, 0);
const event = (
  i: number,
  event_type: AgentifyEvent['event_type'],
  agent_name?: string,
  payload: AgentifyEvent['payload'] = {},
): AgentifyEvent => ({
  workflow_id: 'wf-reg',
  timestamp: T0 + i,
  event_type,
  ...(agent_name ? { agent_name } : {}),
  payload: { trace_id: 't', ...payload },
});

describe('Demo Viewer agent registrations', () => {
  it('shows for each agent of the run whether it is registered, with capabilities and endpoint', async () => {
    const registry = new AgentRegistry({
      clients: {
        documentClient: () => Promise.reject(new Error('memory')),
        client: () => Promise.reject(new Error('memory')),
      },
      tableName: () => 'AgentRegistry',
      memoryOnly: true,
    });
    await registry.register(
      { id: 'planner', name: 'Planner', endpoint: 'https://planner.example.com/a2a', capabilities: ['plan', 'route'] },
      'me',
    );
    await registry.register(
      { id: 'researcher', name: XSS, endpoint: 'https://r.example.com/?x=<b>', capabilities: ['search'] },
      'me',
    );

    const page = await harness.open({ bundle: 'demo-viewer' });
    await page.waitForFunction(() =>
      (window as unknown as { __host: RecordedHost }).__host.posted.some(
        (m) => (m as { method?: string }).method === 'ready',
      ),
    );
    const events = [
      event(1, 'workflow_start', undefined, { span_id: 'wf', input: 'go' }),
      event(2, 'agent_start', 'planner', { span_id: 'a' }),
      event(3, 'agent_end', 'planner', { span_id: 'a', status: 'completed' }),
      event(4, 'agent_start', 'researcher', { span_id: 'b' }),
      event(5, 'agent_end', 'researcher', { span_id: 'b', status: 'completed' }),
      event(6, 'agent_start', 'writer', { span_id: 'c' }),
      event(7, 'agent_end', 'writer', { span_id: 'c', status: 'completed' }),
      event(8, 'workflow_complete', undefined, { span_id: 'wf', status: 'completed', result: 'done' }),
    ];
    const run = {
      workflowId: 'wf-reg',
      prompt: 'go',
      startedAt: T0,
      endedAt: T0 + 8,
      status: 'completed',
      source: 'live',
    };
    await sendToWebview(page, {
      kind: 'notification',
      method: 'demoViewer/state',
      params: { run, events, history: [] },
    });

    const asked = await page.waitForFunction(() =>
      (window as unknown as { __host: RecordedHost }).__host.posted.find(
        (m) => (m as { method?: string }).method === 'demoViewer/watchAgents',
      ),
    );
    const { params } = (await asked.jsonValue()) as { params: { agents: string[] } };
    expect([...params.agents].sort()).toEqual(['planner', 'researcher', 'writer']);

    await sendToWebview(page, {
      kind: 'notification',
      method: 'demoViewer/agentRegistrations',
      params: await lookupRegistrations(registry, params.agents),
    });
    await expect(page.getByTestId('agent-registration')).toHaveCount(3);
    const planner = page.locator('[data-testid="agent-registration"][data-agent="planner"]');
    await expect(planner.getByTestId('registration-state')).toHaveText('registered');
    await expect(planner.getByTestId('registration-capabilities')).toHaveText('plan, route');
    await expect(planner.getByTestId('registration-endpoint')).toHaveText('https://planner.example.com/a2a');
    await expect(page.locator('[data-agent="writer"] [data-testid="registration-state"]')).toHaveText('not registered');
    await expect(page.locator('[data-agent="researcher"] [data-testid="registration-endpoint"]')).toHaveText(
      'https://r.example.com/?x=<b>',
    );
    await expect(page.getByTestId('agent-registrations')).toContainText('memory only');
    await expect(page.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    await page.close();
  });
});
