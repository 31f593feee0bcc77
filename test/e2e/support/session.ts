/**
 * One end-to-end session: a copy of the sample workspace with the given Agentify settings, a
 * code-server host with the packaged VSIX installed, and a headless Chromium page on its
 * workbench. A test file starts one in beforeAll and stops it in afterAll; every server and
 * browser it started is stopped, and the temp folders removed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, inject } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { extensionHostLogs, startCodeServer } from '../../../scripts/vscode-host/host.mjs';
import { launchBrowser, openWorkbench, screenshot, webviewFrame } from '../../../scripts/vscode-host/workbench.mjs';
import { copyWorkspace, localAwsEnv, writeWorkspaceSettings } from '../../../scripts/vscode-host/workspace.mjs';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../src/localDb/localDynamoDb';
import { REPO_ROOT, SCREENSHOT_DIR } from './paths';

/** The workflow folder the sessions open; AGENTIFY_E2E_WORKSPACE points them at another one. */
export const EXAMPLE = path.resolve(
  process.env.AGENTIFY_E2E_WORKSPACE || path.join(REPO_ROOT, 'examples', 'research-team'),
);

interface CodeServerHost {
  url: string;
  folderUrl: string;
  baseDir: string;
  output: string[];
  stop(): Promise<void>;
}

export interface E2eSession {
  readonly host: CodeServerHost;
  readonly browser: Browser;
  readonly page: Page;
  /** The workspace folder open in the host (a temp copy of the sample). */
  readonly workspace: string;
  /** Saves a screenshot of the current page as test-output/e2e/<session>-<nn>-<step>.png. */
  shot(step: string): Promise<string>;
  /** Server output and extension host logs, for a failure message. */
  diagnostics(): string;
  stop(): Promise<void>;
}

export interface SessionOptions {
  /** Names the screenshots. */
  name: string;
  /** Workspace settings written to .vscode/settings.json before the host starts. */
  workspaceSettings: Record<string, unknown>;
  /** Extra environment for the host (and so the extension host and the workflow). */
  env?: Record<string, string>;
  /** Changes the workspace copy before the host opens it (e.g. writes a generated project into it). */
  prepare?: (workspace: string) => void;
}

function copyExample(): string {
  if (!existsSync(path.join(EXAMPLE, 'agents', 'main.py'))) {
    throw new Error(`The sample workflow is missing: expected ${path.relative(REPO_ROOT, EXAMPLE)}/agents/main.py`);
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'agentify-e2e-ws-'));
  return copyWorkspace(EXAMPLE, path.join(root, path.basename(EXAMPLE))) as string;
}

const LOCAL_AWS_ENV = localAwsEnv(LOCAL_CREDENTIALS, LOCAL_REGION) as Record<string, string>;

export async function startSession(options: SessionOptions): Promise<E2eSession> {
  const workspace = copyExample();
  options.prepare?.(workspace);
  writeWorkspaceSettings(workspace, options.workspaceSettings);
  let step = 0;
  let host: CodeServerHost | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    await host?.stop();
    rmSync(path.dirname(workspace), { recursive: true, force: true });
  };
  try {
    host = (await startCodeServer({
      workspace,
      vsix: inject('vsixPath'),
      env: { ...LOCAL_AWS_ENV, ...options.env },
    })) as CodeServerHost;
    browser = (await launchBrowser()) as Browser;
    const page = (await openWorkbench(browser, host.folderUrl)) as Page;
    const h = host;
    const b = browser;
    return {
      host: h,
      browser: b,
      page,
      workspace,
      shot: (name) => screenshot(page, SCREENSHOT_DIR, `${options.name}-${String(++step).padStart(2, '0')}-${name}`),
      diagnostics: () => `── code-server output\n${h.output.join('\n')}\n${extensionHostLogs(h.baseDir)}`,
      stop,
    };
  } catch (err) {
    const logs = host ? `\n── code-server output\n${host.output.join('\n')}\n${extensionHostLogs(host.baseDir)}` : '';
    await stop();
    throw new Error(`${(err as Error).message}${logs}`);
  }
}

const VIEWER_ROOT = '[data-testid="run-status"]';

/** The Demo Viewer's document (found anew each call: a reload or re-show replaces the frame). */
export function demoViewer(page: Page, timeoutMs = 60_000): Promise<Frame> {
  return webviewFrame(page, VIEWER_ROOT, { timeoutMs }) as Promise<Frame>;
}

/**
 * Polls the Demo Viewer until `read` returns a value other than undefined. The frame is looked up
 * again on each try, since VS Code may replace a webview's frame.
 */
export async function waitForViewer<T>(
  page: Page,
  what: string,
  read: (frame: Frame) => Promise<T | undefined>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const frame = await demoViewer(page, Math.max(1000, deadline - Date.now()));
      const value = await read(frame);
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Demo Viewer: timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

export interface ViewerSnapshot {
  status: string;
  eventTypes: string[];
  agents: string[];
  tools: string[];
  outcome: string;
  error: string;
}

/**
 * Event types of every timeline row. The timeline renders only the rows in view, so this scrolls
 * it from top to bottom a page at a time, as a reader would, and ends back at the bottom (where the
 * list keeps following new events).
 */
async function timelineEventTypes(frame: Frame): Promise<string[]> {
  return frame.evaluate(async () => {
    const list = document.querySelector<HTMLElement>('[data-testid="timeline"]');
    const read = () =>
      [...document.querySelectorAll('[data-testid="timeline-row"]')].map(
        (r) => r.getAttribute('data-event-type') ?? '',
      );
    if (!list) return read();
    const nextFrame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const seen = new Set<string>();
    list.scrollTop = 0;
    for (let i = 0; i < 1000; i++) {
      await nextFrame();
      for (const t of read()) if (t) seen.add(t);
      if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) break;
      list.scrollTop += Math.max(1, Math.floor(list.clientHeight * 0.8));
    }
    list.scrollTop = list.scrollHeight;
    return [...seen];
  });
}

/** Reads what the Demo Viewer shows through its data-testid contract. */
export async function readViewer(frame: Frame): Promise<ViewerSnapshot> {
  const texts = async (sel: string) =>
    (await frame.locator(sel).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  const attrs = async (sel: string, name: string) =>
    (await frame.locator(sel).evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ''), name)).filter(Boolean);
  return {
    status: (await texts('[data-testid="run-status"]')).join(' '),
    eventTypes: await timelineEventTypes(frame),
    agents: await attrs('[data-testid="graph-node"]', 'data-agent'),
    tools: await attrs('[data-testid="tool-call"]', 'data-tool'),
    outcome: (await texts('[data-testid="outcome"]')).join(' '),
    error: (await texts('[data-testid="error-banner"]')).join(' '),
  };
}

/** Waits for the viewer's run status to say the run finished, and returns what the viewer shows then. */
export function waitForRunEnd(page: Page, timeoutMs = 150_000): Promise<ViewerSnapshot> {
  return waitForViewer(
    page,
    'the run to finish (run-status "Completed" or "Failed")',
    async (frame) => {
      const snap = await readViewer(frame);
      return /Completed|Failed/.test(snap.status) ? snap : undefined;
    },
    timeoutMs,
  );
}

export interface RunExpectation {
  agents: string[];
  /** Text the outcome must show (the sample's report names the prompt it answers). */
  outcomeContains: string[];
  /**
   * Event types the timeline must show. Table writes can become readable out of order, so the run's
   * ending may be shown before an earlier event: the wait goes on until these are there too.
   */
  eventTypes?: string[];
}

/**
 * Waits until the viewer shows a finished run with everything the sample produces: the status,
 * every agent in the graph, tool calls, the terminal event and an outcome. On timeout the error
 * names what was on screen, so a failure says which part is missing.
 */
export async function waitForCompletedRun(
  page: Page,
  expected: RunExpectation,
  timeoutMs = 150_000,
): Promise<ViewerSnapshot> {
  let last: ViewerSnapshot | undefined;
  try {
    return await waitForViewer(
      page,
      'a completed run',
      async (frame) => {
        // The full read scrolls the timeline; until the run has ended the status is enough.
        const status = (await frame.locator('[data-testid="run-status"]').allTextContents()).join(' ');
        if (!/Completed|Failed/.test(status)) {
          last = { ...(last ?? { eventTypes: [], agents: [], tools: [], outcome: '', error: '' }), status };
          return undefined;
        }
        const snap = (last = await readViewer(frame));
        if (/Failed/.test(snap.status)) return snap; // finished, but not as hoped: let the assertions say why
        const done =
          /Completed/.test(snap.status) &&
          expected.agents.every((a) => snap.agents.includes(a)) &&
          snap.tools.length > 0 &&
          ['workflow_complete', ...(expected.eventTypes ?? [])].every((t) => snap.eventTypes.includes(t)) &&
          expected.outcomeContains.every((t) => snap.outcome.includes(t));
        return done ? snap : undefined;
      },
      timeoutMs,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}\nlast seen in the viewer: ${JSON.stringify(last)}`);
  }
}

/**
 * Registers an afterEach that, when a test failed, saves a screenshot and the host's logs under
 * test-output/e2e/ so the failure can be read after the run.
 */
export function keepEvidenceOnFailure(name: string, session: () => E2eSession | undefined): void {
  afterEach(async (ctx) => {
    const s = session();
    if (!s || ctx.task.result?.state !== 'fail') return;
    const slug = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await s.shot(`FAILED-${slug}`).catch(() => undefined);
    writeFileSync(path.join(SCREENSHOT_DIR, `${name}-FAILED-${slug}.log`), s.diagnostics());
  });
}
