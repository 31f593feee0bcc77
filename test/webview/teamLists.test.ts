/**
 * The Demo Viewer's team runs and recent failures in real headless Chromium. The test plays the
 * host: it answers the lists' commands with pages as the host's TeamHistory sends them (from the
 * runs and failures indexes, or the local fallback with its note) and checks what the webview
 * shows and posts back. Every check after an action is a retrying assertion.
 */
import { expect } from '@playwright/test';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  FailuresNotification,
  ListTeamRunsCommand,
  OpenRunCommand,
  StateNotification,
  TeamFailure,
  TeamListPage,
  TeamRun,
  TeamRunsNotification,
} from '../../src/protocol/demoViewer';
import { RecordedHost, WebviewHarness, sendToWebview, waitForPosted } from './support/webviewPage';

const T0 = Date.UTC(2026, 0, 5, 9, 30, 0);
const XSS = '<img src=x onerror=window.__xss++>';
let harness: WebviewHarness;

beforeAll(async () => {
  harness = await WebviewHarness.start();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

const run = (n: number, status: TeamRun['status'] = 'completed'): TeamRun => ({
  workflowId: `wf-team-${n}`,
  prompt: `team prompt ${n}`,
  workflowName: 'research-team',
  startedAt: T0 - n * 60_000,
  endedAt: status === 'running' ? undefined : T0 - n * 60_000 + 4200,
  status,
});

const page = <T>(items: T[], more: Partial<TeamListPage<T>> = {}): TeamListPage<T> => ({
  source: 'table',
  owner: 'team-a',
  items,
  hasMore: false,
  append: false,
  ...more,
});

async function open(): Promise<Page> {
  const p = await harness.open({ bundle: 'demo-viewer' });
  await waitForPosted(p, 'ready');
  await sendToWebview(p, {
    kind: 'notification',
    method: StateNotification.method,
    params: { run: null, events: [], history: [] },
  });
  return p;
}

async function notify(p: Page, method: string, params: unknown): Promise<void> {
  await sendToWebview(p, { kind: 'notification', method, params });
}

/** The `more` flags of the list commands the webview posted for `method`, in order. */
async function listRequests(p: Page, method: string): Promise<boolean[]> {
  const posted = await p.evaluate(() => (window as unknown as { __host: RecordedHost }).__host.posted);
  return (posted as { method?: string; params?: { more: boolean } }[])
    .filter((m) => m.method === method)
    .map((m) => m.params!.more);
}

describe('team runs', () => {
  it('shows the page the host sends, asks for the next with Load more, and opens a run on click', async () => {
    const p = await open();
    // The host sends the first pages with the state, unasked.

    await notify(
      p,
      TeamRunsNotification.method,
      page([run(1, 'running'), run(2, 'failed'), run(3)], { hasMore: true }),
    );
    const items = p.locator('[data-testid="team-runs-item"]');
    await expect(items).toHaveCount(3);
    await expect(items.first()).toContainText('team prompt 1');
    await expect(items.nth(1).locator('.codicon-error')).toHaveCount(1);

    await p.click('[data-testid="team-runs-more"]');
    await expect.poll(() => listRequests(p, ListTeamRunsCommand.method)).toEqual([true]);
    await notify(p, TeamRunsNotification.method, page([run(4), run(5)], { append: true }));
    await expect(items).toHaveCount(5);
    await expect(items.last()).toContainText('team prompt 5');
    // The last page: no Load more.
    await expect(p.locator('[data-testid="team-runs-more"]')).toHaveCount(0);

    await items.nth(3).click();
    await expect
      .poll(async () => ((await waitForPosted(p, OpenRunCommand.method)) as { params: unknown }).params)
      .toEqual({ workflowId: 'wf-team-4' });

    // Refresh starts over: the next page replaces the list.
    await p.click('[data-testid="team-runs-refresh"]');
    await expect.poll(() => listRequests(p, ListTeamRunsCommand.method)).toEqual([true, false]);
    await notify(p, TeamRunsNotification.method, page([run(9)]));
    await expect(items).toHaveCount(1);
    await p.context().close();
  });

  it('shows the local list with its one-line note when the table has no runs index', async () => {
    const p = await open();
    const note = 'The events table has no EventTypeIndex, so this lists this workspace’s runs only.';
    await notify(p, TeamRunsNotification.method, page([run(7)], { source: 'local', note }));
    await expect(p.locator('[data-testid="team-runs-note"]')).toHaveText(note);
    await expect(p.locator('[data-testid="team-runs-item"]')).toHaveCount(1);
    await p.context().close();
  });
});

describe('recent failures', () => {
  const failures: TeamFailure[] = [
    {
      workflowId: 'wf-f1',
      timestamp: T0,
      kind: 'workflow_error',
      errorType: 'RuntimeError',
      message: 'planner gave up',
    },
    {
      workflowId: 'wf-f2',
      timestamp: T0 - 1000.5,
      kind: 'tool_call',
      toolName: 'read_source',
      agentName: 'researcher',
      errorType: 'TimeoutError',
      message: `timed out ${XSS}`,
    },
  ];

  it('lists failed runs and tool calls as text, each opening its run', async () => {
    const p = await open();
    await notify(p, FailuresNotification.method, page(failures));
    const items = p.locator('[data-testid="failures-item"]');
    await expect(items).toHaveCount(2);
    await expect(items.first()).toContainText('Run · RuntimeError: planner gave up');
    await expect(items.nth(1)).toContainText(`Tool read_source (researcher) · TimeoutError: timed out ${XSS}`);
    await expect.poll(() => p.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    await expect(p.locator('[data-testid="failures"] img')).toHaveCount(0);

    await items.nth(1).click();
    await expect
      .poll(async () => ((await waitForPosted(p, OpenRunCommand.method)) as { params: unknown }).params)
      .toEqual({ workflowId: 'wf-f2' });
    await expect(p.locator('[data-testid="failures-more"]')).toHaveCount(0);
    await p.context().close();
  });

  it('says why nothing is listed when the table has no failures index', async () => {
    const p = await open();
    const note = 'The events table has no StatusIndex, so recent failures cannot be listed.';
    await notify(p, FailuresNotification.method, page<TeamFailure>([], { source: 'local', note }));
    await expect(p.locator('[data-testid="failures-note"]')).toHaveText(note);
    await expect(p.locator('[data-testid="failures-item"]')).toHaveCount(0);
    await p.context().close();
  });
});
