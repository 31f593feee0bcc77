/**
 * The Agent Registry bundle in real headless Chromium. The test plays the host with a real
 * RegistryController over a memory-only AgentRegistry: what the webview asks for is answered by
 * the same code the panel runs, and its answers are delivered into the page.
 */
import type { Page } from 'playwright-core';
import { expect } from '@playwright/test';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { RegistryController } from '../../src/panels/registry/registryController';
import { MessageRouter } from '../../src/protocol/messageRouter';
import type { IpcMessage } from '../../src/protocol/ipc';
import { AgentRegistry } from '../../src/registry/agentRegistry';
import { RecordedHost, WebviewHarness, sendToWebview } from './support/webviewPage';

const XSS = '<img src=x onerror=window.__xss++>';

let harness: WebviewHarness;

beforeAll(async () => {
  harness = await WebviewHarness.start();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

const unusedClients = {
  documentClient: () => Promise.reject(new Error('memory-only')),
  client: () => Promise.reject(new Error('memory-only')),
};

/** A page wired to a real controller: the page's posts go to the router, the router's posts into the page. */
async function open(registry: AgentRegistry, initialState?: unknown): Promise<Page> {
  const page = await harness.open({ bundle: 'registry', initialState });
  const router = new MessageRouter(
    (m: IpcMessage) => sendToWebview(page, m).then(() => true),
    () => undefined,
  );
  new RegistryController(router, registry, () => undefined);
  let delivered = 0;
  const pump = async () => {
    if (page.isClosed()) return;
    const posted = await page
      .evaluate(() => (window as unknown as { __host: RecordedHost }).__host.posted)
      .catch(() => []);
    for (const m of posted.slice(delivered)) await router.receive(m);
    delivered = posted.length;
    setTimeout(() => void pump(), 25);
  };
  void pump();
  return page;
}

function memoryRegistry(now: () => number = Date.now) {
  return new AgentRegistry({
    clients: unusedClients,
    tableName: () => 'AgentRegistry',
    memoryOnly: true,
    now,
    staleAfterMs: () => 60_000,
  });
}

describe('Agent Registry view', () => {
  it('lists every agent, filters by capability, and marks stale agents', async () => {
    let now = Date.UTC(2026, 0, 5, 9, 0, 0);
    const registry = memoryRegistry(() => now);
    await registry.register(
      { id: 'old', name: 'Old timer', endpoint: 'https://old.example.com', capabilities: ['search'] },
      'me',
    );
    now += 120_000;
    await registry.register(
      {
        id: 'planner',
        name: 'Planner',
        endpoint: 'https://p.example.com/a2a',
        capabilities: ['plan', 'search'],
        version: '1.2',
      },
      'me',
    );
    await registry.register(
      { id: 'writer', name: 'Writer', endpoint: 'http://127.0.0.1:9000', capabilities: ['write'] },
      'me',
    );
    const page = await open(registry);

    await expect(page.getByTestId('agent-row')).toHaveCount(3);
    await expect(page.getByTestId('registry-mode')).toHaveText('Memory only');
    await expect(page.locator('[data-agent-id="old"] [data-testid="stale-badge"]')).toHaveCount(1);
    await expect(page.locator('[data-agent-id="planner"] [data-testid="stale-badge"]')).toHaveCount(0);

    await page.getByTestId('capability-filter').fill('SEARCH');
    await page.getByTestId('capability-filter').press('Enter');
    await expect(page.getByTestId('agent-row')).toHaveCount(2);
    await expect(page.getByTestId('agent-count')).toHaveText('2 agents with “search”');

    // A capability chip filters by itself.
    await page.locator('[data-agent-id="planner"] .chip', { hasText: 'plan' }).click();
    await expect(page.getByTestId('agent-name')).toHaveText(['Planner']);
    await expect(page.getByTestId('capability-filter')).toHaveValue('plan');

    await page.getByTestId('capability-filter').fill('translate');
    await page.getByTestId('apply-filter').click();
    await expect(page.getByTestId('empty')).toHaveText('No agent has the capability “translate”.');

    await page.getByTestId('show-all').click();
    await expect(page.getByTestId('agent-row')).toHaveCount(3);
    await page.close();
  });

  it('restores its filter after a reload and pages through many agents with Load more', async () => {
    const registry = memoryRegistry();
    for (let i = 0; i < 120; i++)
      await registry.register(
        {
          id: `a-${String(i).padStart(3, '0')}`,
          name: `Agent ${i}`,
          endpoint: 'https://a.example.com',
          capabilities: [i % 2 ? 'odd' : 'even'],
        },
        'me',
      );
    const filtered = await open(registry, { capability: 'odd' });
    await expect(filtered.getByTestId('agent-row')).toHaveCount(60);
    await expect(filtered.getByTestId('capability-filter')).toHaveValue('odd');
    await filtered.close();

    const page = await open(registry);
    await expect(page.getByTestId('agent-row')).toHaveCount(50);
    await page.getByTestId('load-more').click();
    await expect(page.getByTestId('agent-row')).toHaveCount(100);
    await page.getByTestId('load-more').click();
    await expect(page.getByTestId('agent-row')).toHaveCount(120);
    await expect(page.getByTestId('load-more')).toHaveCount(0);
    await page.close();
  });

  it('renders what agents registered as text, never HTML, and shows why the registry is memory-only', async () => {
    const page = await harness.open({ bundle: 'registry' });
    await page.waitForFunction(() => (window as unknown as { __host: RecordedHost }).__host.posted.length >= 2);
    await sendToWebview(page, {
      kind: 'notification',
      method: 'registry/state',
      params: {
        mode: 'memory',
        tableName: 'AgentRegistry',
        reason: `The agent registry table "AgentRegistry" does not exist in us-east-1. ${XSS}`,
        capability: '',
        agents: [
          {
            id: 'x',
            name: XSS,
            endpoint: 'https://x.example.com/?q=<script>',
            capabilities: ['a'],
            description: XSS,
            registeredAt: 1,
            lastSeenAt: 1,
            stale: false,
          },
        ],
      },
    });
    await expect(page.getByTestId('agent-name')).toHaveText(XSS);
    await expect(page.getByTestId('memory-notice')).toContainText('does not exist');
    await expect(page.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    // A message of the wrong shape is refused by its schema and changes nothing.
    await sendToWebview(page, {
      kind: 'notification',
      method: 'registry/state',
      params: { mode: 'table', agents: 'all' },
    });
    await expect(page.getByTestId('agent-row')).toHaveCount(1);
    await page.close();
  });
});
