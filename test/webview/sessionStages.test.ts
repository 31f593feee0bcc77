/**
 * The Demo Viewer's session strip in real headless Chromium: the test plays the host, sending the
 * views the session hub sends (running, then succeeded; a failure with its message; text that
 * looks like HTML), and checks what the viewer shows with retrying assertions.
 */
import type { Page } from 'playwright-core';
import { expect as pw } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SessionNotification,
  SessionView,
  StartSessionCommand,
  StateNotification,
} from '../../src/protocol/demoViewer';
import { WebviewHarness, sendToWebview, waitForPosted } from './support/webviewPage';

const SESSION = 'session-0f8e2c1a-5b7d-4e39-9a61-2c4d8b7e6f10';
const T = (ms: number) => new Date(Date.UTC(2026, 0, 5, 9, 30, 0) + ms).toISOString();

let harness: WebviewHarness;

beforeAll(async () => {
  harness = await WebviewHarness.start();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

const notify = (page: Page, method: string, params: unknown) =>
  sendToWebview(page, { kind: 'notification', method, params });

async function openViewer(): Promise<Page> {
  const page = await harness.open({ bundle: 'demo-viewer' });
  await waitForPosted(page, 'ready');
  await notify(page, StateNotification.method, { run: null, events: [], history: [] });
  return page;
}

function view(partial: Partial<SessionView> & Pick<SessionView, 'stages'>): SessionView {
  return { sessionId: SESSION, mode: 'offline', outcome: 'running', entryCount: 3, ...partial };
}

const running: SessionView = view({
  stages: [
    { id: 'session', label: 'Session', state: 'running', startedAt: T(0) },
    { id: 'invocation', label: 'Invoker', state: 'succeeded', startedAt: T(40), endedAt: T(1290), durationMs: 1250 },
    { id: 'entrypoint', label: 'Entrypoint', state: 'running', startedAt: T(900) },
    { id: 'task', label: 'Background task', state: 'pending' },
  ],
});

const succeeded: SessionView = view({
  outcome: 'succeeded',
  entryCount: 6,
  stages: [
    { id: 'session', label: 'Session', state: 'succeeded', startedAt: T(0), endedAt: T(65_400), durationMs: 65_400 },
    { id: 'invocation', label: 'Invoker', state: 'succeeded', startedAt: T(40), endedAt: T(1290), durationMs: 1250 },
    { id: 'entrypoint', label: 'Entrypoint', state: 'succeeded', startedAt: T(900), endedAt: T(980), durationMs: 80 },
    {
      id: 'task',
      label: 'Background task',
      state: 'succeeded',
      startedAt: T(980),
      endedAt: T(65_400),
      durationMs: 64_420,
    },
  ],
});

describe('Demo Viewer session strip', () => {
  it('offers Start session before any session and sends the prompt with it', async () => {
    const page = await openViewer();
    const start = page.getByTestId('start-session');
    await pw(start).toBeVisible();
    await pw(page.getByTestId('session-stage')).toHaveCount(0);
    await page.fill('textarea', 'Compare two vector databases');
    await start.click();
    const sent = (await waitForPosted(page, StartSessionCommand.method)) as { params: { prompt: string } };
    expect(sent.params.prompt).toBe('Compare two vector databases');
    await page.context().close();
  });

  it('shows each stage with its state and timing, live, until the session succeeds', async () => {
    const page = await openViewer();
    await notify(page, SessionNotification.method, running);
    const stages = page.getByTestId('session-stage');
    await pw(stages).toHaveCount(4);
    await pw(page.getByTestId('session-id')).toHaveText(SESSION);
    await pw(page.getByTestId('session-mode')).toHaveText('offline');
    await pw(page.getByTestId('session-outcome')).toHaveText('Running');
    await pw(stages.nth(1)).toHaveAttribute('data-state', 'succeeded');
    await pw(stages.nth(1).getByTestId('stage-timing')).toHaveText('1.3 s');
    await pw(stages.nth(2)).toHaveAttribute('data-state', 'running');
    await pw(stages.nth(2).getByTestId('stage-timing')).toHaveText('running…');
    await pw(stages.nth(3)).toHaveAttribute('data-state', 'pending');
    await notify(page, SessionNotification.method, succeeded);
    await pw(page.getByTestId('session-outcome')).toHaveText('Succeeded');
    await pw(page.locator('[data-testid="session-stage"][data-state="succeeded"]')).toHaveCount(4);
    await pw(page.locator('[data-stage="entrypoint"]').getByTestId('stage-timing')).toHaveText('80 ms');
    await pw(page.locator('[data-stage="session"]').getByTestId('stage-timing')).toHaveText('1 min 5 s');
    await pw(page.getByTestId('session-error')).toHaveCount(0);
    await page.context().close();
  });

  it('shows where a session failed and why, as text', async () => {
    const page = await openViewer();
    const message = 'SourceUnavailableError: <img src=x onerror=window.__xss++> did not answer';
    await notify(
      page,
      SessionNotification.method,
      view({
        outcome: 'failed',
        error: message,
        stages: [
          {
            id: 'session',
            label: 'Session',
            state: 'failed',
            startedAt: T(0),
            endedAt: T(3000),
            durationMs: 3000,
            error: message,
          },
          {
            id: 'invocation',
            label: 'Invoker',
            state: 'succeeded',
            startedAt: T(40),
            endedAt: T(500),
            durationMs: 460,
          },
          {
            id: 'entrypoint',
            label: 'Entrypoint',
            state: 'succeeded',
            startedAt: T(300),
            endedAt: T(350),
            durationMs: 50,
          },
          {
            id: 'task',
            label: 'Background task',
            state: 'failed',
            startedAt: T(350),
            endedAt: T(3000),
            durationMs: 2650,
            error: message,
          },
        ],
      }),
    );
    await pw(page.getByTestId('session-outcome')).toHaveText('Failed');
    await pw(page.getByTestId('session-error')).toHaveText(message);
    await pw(page.getByRole('alert').filter({ hasText: 'SourceUnavailableError' })).toHaveCount(1);
    await pw(page.locator('[data-stage="task"]')).toHaveAttribute('data-state', 'failed');
    await pw(page.locator('[data-stage="task"]').getByTestId('stage-error')).toHaveText(message);
    await pw(page.locator('.session-strip img')).toHaveCount(0);
    await pw.poll(() => page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    await page.context().close();
  });

  it('ignores a session message that breaks the protocol', async () => {
    const page = await openViewer();
    const ignored: string[] = [];
    page.on(
      'console',
      (m) => m.text().includes('ignored a message that is not part of the protocol') && ignored.push(m.text()),
    );
    await notify(page, SessionNotification.method, running);
    await pw(page.getByTestId('session-stage')).toHaveCount(4);
    await notify(page, SessionNotification.method, {
      ...running,
      stages: [{ id: 'x', label: 'x', state: 'exploded' }],
    });
    await notify(page, SessionNotification.method, { ...running, sessionId: 'x'.repeat(5000) });
    await pw.poll(() => ignored.length).toBe(2);
    await pw(page.getByTestId('session-stage')).toHaveCount(4);
    await pw(page.getByTestId('session-id')).toHaveText(SESSION);
    await page.context().close();
  });
});
