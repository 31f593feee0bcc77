/**
 * The Ideation Wizard bundle in real headless Chromium. The test plays the extension host: it
 * answers the webview's requests with the real offline assistant and the real generator, and
 * streams the assistant's tokens as the host does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect as ui } from '@playwright/test';
import { build } from 'esbuild';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WizardState, emptyDesign } from '../../src/protocol/ideationWizard';
import { OfflineAssistant } from '../../src/wizard/assistant/offline/offlineAssistant';
import { generateProject } from '../../src/wizard/generator/generateProject';
import { planFolder, writeProject } from '../../src/wizard/projectFolder';
import { assistedDesign } from '../unit/wizard/designs';
import { RecordedHost, WebviewHarness, sendToWebview, Theme } from './support/webviewPage';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const XSS = '<img src=x onerror=window.__xss++>';
const SCRIPT_END = '</script><script>window.__xss++</script>';

let harness: WebviewHarness;

/**
 * Builds this webview's bundle from the current sources. Only the wizard's own files are rewritten
 * (other test files load other bundles from the same folder meanwhile); a fresh checkout without
 * the codicons gets the full build once.
 */
async function buildBundle(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'webview', 'codicons', 'codicon.css'))) {
    execFileSync('node', ['esbuild.mjs'], { cwd: ROOT, stdio: 'ignore' });
    return;
  }
  await build({
    absWorkingDir: ROOT,
    entryPoints: { 'ideation-wizard': 'webview-ui/ideation-wizard/main.ts' },
    outdir: 'dist/webview',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: 'linked',
    loader: { '.css': 'css', '.ttf': 'file' },
    logLevel: 'silent',
  });
}

beforeAll(async () => {
  await buildBundle();
  mkdirSync(SHOTS, { recursive: true });
  harness = await WebviewHarness.start();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

type Posted = { kind: string; method: string; id?: number; params?: unknown };

/** Plays the host for one page: answers each request once, in order. */
class StandInHost {
  suggestionOverride?: (params: { requestId: string; step: string }) => unknown;
  /** Answers for other requests, by method, in place of the defaults below. */
  readonly answers: Record<string, (params: never) => unknown | Promise<unknown>> = {};

  constructor(readonly page: Page) {}

  static async open(options: { theme?: Theme; initialState?: unknown; hostState?: WizardState | null; assistant?: { kind: 'offline' | 'bedrock'; modelId?: string } } = {}): Promise<StandInHost> {
    const page = await harness.open({ bundle: 'ideation-wizard', theme: options.theme, initialState: options.initialState });
    const host = new StandInHost(page);
    await host.waitFor('ready');
    await sendToWebview(page, { kind: 'notification', method: 'ideationWizard/state', params: { state: options.hostState ?? null, assistant: options.assistant ?? { kind: 'offline' } } });
    return host;
  }

  posted(): Promise<Posted[]> {
    return this.page.evaluate(() => (window as unknown as { __host: RecordedHost }).__host.posted as Posted[]);
  }

  async waitFor(method: string): Promise<Posted> {
    const handle = await this.page.waitForFunction((m) => (window as unknown as { __host: RecordedHost }).__host.posted.find((p) => (p as Posted).method === m), method);
    return (await handle.jsonValue()) as Posted;
  }

  /** Waits for the next request and answers it as the real host would. */
  async serve(method: string): Promise<void> {
    await this.page.waitForFunction(
      ([m, n]) => (window as unknown as { __host: RecordedHost }).__host.posted.filter((p) => (p as Posted).kind === 'request' && (p as Posted).method === m).length > (n as number),
      [method, this.countOf(method)] as const,
    );
    const req = (await this.posted()).filter((p) => p.kind === 'request' && p.method === method)[this.countOf(method)];
    this.counts.set(method, this.countOf(method) + 1);
    const params = req.params as { requestId: string; step: 'clarify'; design: WizardState['design'] };
    let result: unknown;
    if (this.answers[method]) {
      result = await this.answers[method](params as never);
    } else if (method === 'ideationWizard/suggest') {
      result = this.suggestionOverride?.(params);
      if (!result) {
        const tokens: string[] = [];
        const suggestion = await new OfflineAssistant().suggest({ step: params.step, design: params.design }, (t) => tokens.push(t));
        for (const text of tokens) await sendToWebview(this.page, { kind: 'notification', method: 'ideationWizard/assistantToken', params: { requestId: params.requestId, text } });
        result = { requestId: params.requestId, suggestion, source: 'offline' };
      }
    } else if (method === 'ideationWizard/preview') {
      const files = Object.entries(generateProject(params.design)).map(([p, content]) => {
        const exists = p === 'README.md';
        return { path: p, content, exists, changes: exists };
      });
      result = { folder: '/work/demo/resolve-requests', files };
    } else if (method === 'ideationWizard/generate') {
      const paths = Object.keys(generateProject(params.design));
      result = { written: true, folder: '/work/demo/resolve-requests', paths, message: 'Wrote the project.' };
    }
    await sendToWebview(this.page, { kind: 'response', id: req.id, ok: true, result });
  }

  private readonly counts = new Map<string, number>();
  private countOf(method: string): number {
    return this.counts.get(method) ?? 0;
  }

  state(): Promise<WizardState> {
    return this.page.evaluate(() => (window as unknown as { __host: RecordedHost }).__host.state as WizardState);
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}

const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `ideation-wizard-${name}.png`), fullPage: true });
}

async function askAndAccept(host: StandInHost): Promise<void> {
  await tid(host.page, 'assistant-ask').click();
  await host.serve('ideationWizard/suggest');
  await tid(host.page, 'assistant-accept').click();
}

async function next(page: Page, expectStep: string): Promise<void> {
  await tid(page, 'next').click();
  await tid(page, `content-${expectStep}`).waitFor();
}


describe('Ideation Wizard webview', () => {
  it('walks through all eight steps with the assistant, then previews and generates', async () => {
    const host = await StandInHost.open();
    const { page } = host;
    await expect(tid(page, 'step-count').textContent()).resolves.toBe('Step 1 of 8');
    await shot(page, '1-objective-empty');
    await tid(page, 'example-0').click();
    await expect(tid(page, 'objective').inputValue()).resolves.toContain('order-status');
    await expect(tid(page, 'system-chip').count()).resolves.toBe(3);
    await shot(page, '1-objective');

    await next(page, 'clarify');
    await tid(page, 'assistant-ask').click();
    await host.serve('ideationWizard/suggest');
    await expect(tid(page, 'assistant-output').textContent()).resolves.toContain('questions');
    await expect(tid(page, 'assistant-kind').textContent()).resolves.toBe('Offline assistant');
    await tid(page, 'assistant-accept').click();
    const questions = await tid(page, 'clarification').count();
    expect(questions).toBeGreaterThanOrEqual(3);
    await tid(page, 'use-suggestion-0').click();
    await expect(tid(page, 'answer-0').inputValue()).resolves.not.toBe('');
    await tid(page, 'answer-1').fill('Only web chat for now.');
    await tid(page, 'accept-all-answers').click();
    await shot(page, '2-clarify');

    await next(page, 'outcomes');
    await askAndAccept(host);
    expect(await tid(page, 'kpi').count()).toBeGreaterThanOrEqual(3);
    await shot(page, '3-outcomes');

    await next(page, 'guardrails');
    await askAndAccept(host);
    await expect(tid(page, 'constraints').inputValue()).resolves.toContain('return policy');
    await shot(page, '4-guardrails');

    await next(page, 'team');
    await askAndAccept(host);
    expect(await tid(page, 'graph-agent').count()).toBe(4);
    expect(await tid(page, 'graph-tool').count()).toBeGreaterThanOrEqual(4);
    expect(await tid(page, 'graph-edge').count()).toBe(3);
    await shot(page, '5-team');

    await next(page, 'mockData');
    await askAndAccept(host);
    expect(await tid(page, 'dataset').count()).toBe(2);
    await shot(page, '6-mock-data');

    await next(page, 'demo');
    await askAndAccept(host);
    await expect(tid(page, 'demo-prompts').inputValue()).resolves.toContain('ORD-1042');
    await shot(page, '7-demo');

    await next(page, 'review');
    await tid(page, 'preview').click();
    await host.serve('ideationWizard/preview');
    await tid(page, 'file-preview').waitFor();
    await expect(tid(page, 'file-content').textContent()).resolves.toContain('@workflow');
    await expect(tid(page, 'overwrite-badge').count()).resolves.toBe(1);
    await page.getByText('.kiro/steering/product.md').click();
    await expect(tid(page, 'file-content').textContent()).resolves.toContain('# Product');
    await tid(page, 'generate').click();
    await host.serve('ideationWizard/generate');
    await expect(tid(page, 'generate-result').textContent()).resolves.toContain('Wrote the project.');
    await shot(page, '8-review');

    // The host got the state for the workspace, and it is the design on screen.
    const saved = (await host.posted()).filter((p) => p.method === 'ideationWizard/saveState').pop();
    expect((saved?.params as WizardState).design.agents).toHaveLength(4);
    await host.close();
  });

  it('validates each step with inline messages and focuses the first problem', async () => {
    const host = await StandInHost.open();
    const { page } = host;
    await tid(page, 'next').click();
    await expect(tid(page, 'objective-error').textContent()).resolves.toContain('at least 20 characters');
    await expect(tid(page, 'systems-error').textContent()).resolves.toContain('at least one system');
    await expect(tid(page, 'error-summary').textContent()).resolves.toContain('2 things need');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('objective');
    await expect(tid(page, 'content-objective').count()).resolves.toBe(1);
    await shot(page, 'validation');

    await tid(page, 'objective').fill('Answer supplier invoice questions without a clerk.');
    await tid(page, 'system-input').fill('SAP ERP');
    await tid(page, 'system-input').press('Enter');
    await next(page, 'clarify');
    await tid(page, 'next').click();
    await expect(tid(page, 'clarifications-error').textContent()).resolves.toContain('follow-up questions');
    await tid(page, 'add-question').click();
    await tid(page, 'question-0').fill('Which currencies?');
    await tid(page, 'next').click();
    await expect(tid(page, 'answer-0-error').textContent()).resolves.toContain('Answer this question');
    await tid(page, 'answer-0').fill('EUR and USD');
    await next(page, 'outcomes');

    // Jumping ahead in the step indicator stops at the first incomplete step.
    await tid(page, 'step-review').click();
    await tid(page, 'content-outcomes').waitFor();
    await expect(tid(page, 'kpis-error').textContent()).resolves.toContain('at least one success metric');
    await host.close();
  });

  it('keeps what was entered when going back and forward', async () => {
    const host = await StandInHost.open();
    const { page } = host;
    await tid(page, 'example-1').click();
    await next(page, 'clarify');
    await tid(page, 'add-question').click();
    await tid(page, 'question-0').fill('Volume?');
    await tid(page, 'answer-0').fill('500 a day');
    await tid(page, 'back').click();
    await tid(page, 'content-objective').waitFor();
    await expect(tid(page, 'industry').inputValue()).resolves.toBe('finance');
    await expect(tid(page, 'objective').inputValue()).resolves.toContain('loan applications');
    await next(page, 'clarify');
    await expect(tid(page, 'answer-0').inputValue()).resolves.toBe('500 a day');
    // Back also works from the step indicator, without validation.
    await tid(page, 'step-objective').click();
    await tid(page, 'content-objective').waitFor();
    await host.close();
  });

  it('restores the step and the design from the webview state after a reload', async () => {
    const first = await StandInHost.open();
    await tid(first.page, 'example-2').click();
    await next(first.page, 'clarify');
    await tid(first.page, 'add-question').click();
    await tid(first.page, 'question-0').fill('Which plant?');
    await tid(first.page, 'answer-0').fill('Plant 3');
    const saved = await first.state();
    await first.close();
    expect(saved.step).toBe('clarify');

    // A reload: the webview finds its state; the host's older copy must not replace it.
    const reloaded = await StandInHost.open({ initialState: saved, hostState: { step: 'objective', design: emptyDesign() } });
    await tid(reloaded.page, 'content-clarify').waitFor();
    await expect(tid(reloaded.page, 'answer-0').inputValue()).resolves.toBe('Plant 3');
    await tid(reloaded.page, 'back').click();
    await expect(tid(reloaded.page, 'industry').inputValue()).resolves.toBe('manufacturing');
    await reloaded.close();

    // A new window: no webview state, the host's workspace copy is used.
    const fresh = await StandInHost.open({ hostState: saved });
    await tid(fresh.page, 'content-clarify').waitFor();
    await expect(tid(fresh.page, 'question-0').inputValue()).resolves.toBe('Which plant?');
    // Reset Wizard clears it.
    await sendToWebview(fresh.page, { kind: 'notification', method: 'ideationWizard/reset', params: null });
    await tid(fresh.page, 'content-objective').waitFor();
    await expect(tid(fresh.page, 'objective').inputValue()).resolves.toBe('');
    await fresh.close();
  });

  it('edits the team graph: add, rename and remove agents and tools, connect and disconnect', async () => {
    const design = { ...emptyDesign(), objective: 'Plan maintenance before machines fail.', systems: ['ERP'] };
    const host = await StandInHost.open({ initialState: { step: 'team', design } });
    const { page } = host;
    await tid(page, 'pattern-graph').check();
    await tid(page, 'add-agent').click();
    await tid(page, 'add-agent').click();
    await tid(page, 'add-agent').click();
    expect(await tid(page, 'graph-agent').count()).toBe(3);
    expect(await tid(page, 'graph-edge').count()).toBe(0);

    // Rename: the graph follows once the field is left.
    await tid(page, 'agent-name-0').fill('Sensor Analyst');
    await tid(page, 'agent-role-0').click();
    await page.locator('[data-testid="graph-agent"] text', { hasText: 'Sensor Analyst' }).waitFor();
    await tid(page, 'agent-role-0').fill('Finds anomalies');
    await tid(page, 'agent-name-1').fill('Planner');
    await tid(page, 'agent-role-1').fill('Plans the work');
    await tid(page, 'agent-name-2').fill('Parts');
    await tid(page, 'agent-role-2').fill('Reserves parts');

    // Tools: add, name, remove.
    await tid(page, 'add-tool-0').click();
    await tid(page, 'tool-name-0-0').fill('read_sensor_trend');
    await tid(page, 'add-tool-0').click();
    await tid(page, 'tool-name-0-1').fill('to_remove');
    await tid(page, 'add-tool-1').click();
    await tid(page, 'tool-name-1-0').fill('create_work_order');
    await tid(page, 'remove-tool-0-1').click();
    expect(await tid(page, 'graph-tool').count()).toBe(2);

    // A graph pattern without hand-offs is refused with a message.
    await tid(page, 'next').click();
    await expect(tid(page, 'edges-error').textContent()).resolves.toContain('connect the agents');

    // Connect by mouse: Sensor Analyst → Planner, Sensor Analyst → Parts.
    const agent = (name: string) => page.locator('[data-testid="graph-agent"]', { hasText: name });
    await agent('Sensor Analyst').click();
    await expect(agent('Sensor Analyst').getAttribute('class')).resolves.toContain('selected');
    await agent('Planner').click();
    // The message goes away once the hand-off that fixes it exists.
    expect(await tid(page, 'edges-error').count()).toBe(0);
    await agent('Sensor Analyst').click();
    await agent('Parts').click();
    expect(await tid(page, 'graph-edge').count()).toBe(2);
    // Connect by keyboard: Planner → Parts.
    await agent('Planner').focus();
    await page.keyboard.press('Enter');
    await agent('Parts').focus();
    await page.keyboard.press('Enter');
    expect(await tid(page, 'graph-edge').count()).toBe(3);
    await shot(page, 'team-graph-edited');
    // Disconnect: click a hand-off; press Delete on another.
    await tid(page, 'graph-edge').first().click({ force: true });
    expect(await tid(page, 'graph-edge').count()).toBe(2);
    await tid(page, 'graph-edge').first().focus();
    await page.keyboard.press('Delete');
    expect(await tid(page, 'graph-edge').count()).toBe(1);

    // Removing an agent removes its hand-offs.
    await tid(page, 'remove-agent-2').click();
    expect(await tid(page, 'graph-agent').count()).toBe(2);
    const state = await host.state();
    expect(state.design.agents.map((a) => a.name)).toEqual(['Sensor Analyst', 'Planner']);
    expect(state.design.agents[0].tools.map((t) => t.name)).toEqual(['read_sensor_trend']);
    expect(state.design.edges.every((e) => state.design.agents.some((a) => a.id === e.to))).toBe(true);
    await host.close();
  });

  it('shows hostile text from the user, the assistant and the files as text, never as markup', async () => {
    const host = await StandInHost.open();
    const { page } = host;
    await tid(page, 'objective').fill(`${XSS} ${SCRIPT_END} objective long enough`);
    await tid(page, 'system-input').fill(XSS);
    await tid(page, 'add-system').click();
    await tid(page, 'system-input').fill(SCRIPT_END);
    await tid(page, 'system-input').press('Enter');
    await expect(tid(page, 'system-chip').allTextContents()).resolves.toEqual([XSS, SCRIPT_END]);
    await next(page, 'clarify');

    // The assistant's answer is untrusted too.
    host.suggestionOverride = ({ requestId }) => ({
      requestId,
      source: 'bedrock',
      notice: `${XSS} notice`,
      suggestion: { step: 'clarify', clarifications: [{ id: 'q-1', question: XSS, answer: '', suggestion: SCRIPT_END }] },
    });
    await tid(page, 'assistant-ask').click();
    const req = await host.waitFor('ideationWizard/suggest');
    await sendToWebview(page, { kind: 'notification', method: 'ideationWizard/assistantToken', params: { requestId: (req.params as { requestId: string }).requestId, text: `${XSS}${SCRIPT_END}` } });
    await page.waitForFunction((t) => document.querySelector('[data-testid="assistant-output"]')?.textContent === t, `${XSS}${SCRIPT_END}`);
    await host.serve('ideationWizard/suggest');
    await expect(tid(page, 'assistant-notice').textContent()).resolves.toContain(`${XSS} notice`);
    await tid(page, 'assistant-accept').click();
    await expect(tid(page, 'question-0').inputValue()).resolves.toBe(XSS);
    await expect(tid(page, 'suggested-0').textContent()).resolves.toBe(SCRIPT_END);
    await tid(page, 'use-suggestion-0').click();
    await shot(page, 'hostile-text');

    // Agents named with markup, in the graph and the file preview.
    const state = await host.state();
    state.step = 'review';
    state.design.agents = [{ id: 'a1', name: XSS, role: SCRIPT_END, instructions: XSS, tools: [{ id: 't1', name: SCRIPT_END, description: XSS, mockResponse: '{}' }] }];
    await host.close();
    const review = await StandInHost.open({ initialState: state });
    await review.page.locator('[data-testid="review-team"] li', { hasText: XSS }).waitFor();
    await tid(review.page, 'preview').click();
    await review.serve('ideationWizard/preview');
    await review.page.getByText('agents/workflow_design.json').click();
    await expect(tid(review.page, 'file-content').textContent()).resolves.toContain(JSON.stringify(XSS));
    await tid(review.page, 'step-team').click();
    await expect(tid(review.page, 'graph-agent').locator('title').textContent()).resolves.toContain(XSS);
    await expect(review.page.evaluate(() => document.querySelectorAll('img, script:not([src])').length)).resolves.toBe(0);
    await expect(review.page.evaluate(() => (window as unknown as { __xss: number }).__xss)).resolves.toBe(0);
    await review.close();
  });

  it('shows the Bedrock model, a fallback notice, and request errors', async () => {
    const host = await StandInHost.open({ initialState: { step: 'outcomes', design: { ...emptyDesign(), objective: 'Reduce churn among broadband customers.', systems: ['CRM'], industry: 'telecom' } }, assistant: { kind: 'bedrock', modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0' } });
    const { page } = host;
    await expect(tid(page, 'assistant-kind').textContent()).resolves.toBe('Amazon Bedrock (anthropic.claude-3-5-sonnet-20240620-v1:0)');
    // The step indicator ticks complete steps only: the objective is, the unanswered Clarify is not.
    await expect(page.locator('.steps li:has([data-testid="step-objective"])').getAttribute('class')).resolves.toContain('done');
    expect((await page.locator('.steps li:has([data-testid="step-clarify"])').getAttribute('class')) ?? '').not.toContain('done');
    host.suggestionOverride = ({ requestId }) => ({
      requestId,
      source: 'offline',
      notice: 'Access to the Bedrock model was denied. Request access in the Amazon Bedrock console. The offline assistant answered instead.',
      suggestion: { step: 'outcomes', kpis: [{ id: 'k1', name: 'Churn', target: '-15 %' }] },
    });
    await tid(page, 'assistant-ask').click();
    await host.serve('ideationWizard/suggest');
    await expect(tid(page, 'assistant-notice').textContent()).resolves.toContain('offline assistant answered instead');
    await expect(page.locator('.assistant-source').textContent()).resolves.toBe('Suggested by the offline assistant');
    await shot(page, 'assistant-fallback');
    await tid(page, 'assistant-dismiss').click();
    expect(await tid(page, 'kpi').count()).toBe(0);

    await tid(page, 'assistant-ask').click();
    const requests = (await host.posted()).filter((p) => p.method === 'ideationWizard/suggest');
    await sendToWebview(page, { kind: 'response', id: requests[requests.length - 1].id, ok: false, error: { code: 'Throttled', message: 'Amazon Bedrock is throttling requests.' } });
    await expect(tid(page, 'assistant-error').textContent()).resolves.toContain('throttling');
    await host.close();
  });

  it('is usable with the keyboard alone and follows light and high-contrast themes', async () => {
    for (const theme of ['light', 'high-contrast'] as const) {
      const host = await StandInHost.open({ theme });
      const { page } = host;
      await tid(page, 'example-3').focus();
      await page.keyboard.press('Enter');
      await expect(tid(page, 'industry').inputValue()).resolves.toBe('logistics');
      await tid(page, 'next').focus();
      await page.keyboard.press('Enter');
      await tid(page, 'content-clarify').waitFor();
      // Focus moved to the new step's content, so Tab continues from there.
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('content-clarify');
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('assistant-ask');
      await page.keyboard.press('Enter');
      await host.serve('ideationWizard/suggest');
      await tid(page, 'assistant-accept').focus();
      await page.keyboard.press('Enter');
      expect(await tid(page, 'clarification').count()).toBeGreaterThan(0);
      await shot(page, `clarify-${theme}`);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe(theme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(0, 0, 0)');
      await host.close();
    }
  });
});

describe('Ideation Wizard: where the project goes', () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /**
   * The host's side with the real generator and the real folder functions: the default folder is
   * named after the workflow, the table in effect goes into the config, and existing files are
   * replaced only when the request lists them (ProjectWriter adds only the VS Code dialogs).
   */
  function folderHost(host: StandInHost, defaultFolder: string, chosen: string) {
    const config = { tableName: 'team-events', region: 'eu-west-1', endpoint: 'http://127.0.0.1:8123' };
    const requests: { folder?: string; overwrite: string[] }[] = [];
    const files = (design: WizardState['design']) => generateProject(design, { config });
    host.answers['ideationWizard/preview'] = async (p: { design: WizardState['design']; folder?: string }) => {
      const plan = await planFolder(p.folder ?? defaultFolder, files(p.design));
      return { folder: plan.folder, files: plan.files };
    };
    host.answers['ideationWizard/chooseFolder'] = () => ({ folder: chosen });
    type GenerateParams = { design: WizardState['design']; folder?: string; overwrite: string[] };
    host.answers['ideationWizard/generate'] = async (p: GenerateParams) => {
      requests.push({ folder: p.folder, overwrite: p.overwrite });
      const folder = p.folder ?? defaultFolder;
      try {
        const r = await writeProject(folder, files(p.design), p.overwrite);
        return { written: true, folder, paths: r.written, message: `Wrote ${r.written.length} files in ${folder}.` };
      } catch (err) {
        return { written: false, folder, paths: [], message: (err as Error).message };
      }
    };
    return requests;
  }

  it('generates into a new folder named after the workflow, with the table in effect in its config', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'agentify-wizard-ws-'));
    folders.push(parent);
    const design = await assistedDesign('retail', 'Resolve return requests from chat', ['Zendesk']);
    const host = await StandInHost.open({ hostState: { step: 'review', design } });
    const { page } = host;
    const target = path.join(parent, 'resolve-return-requests-from-chat');
    const requests = folderHost(host, target, path.join(parent, 'elsewhere'));
    await ui(tid(page, 'target-folder')).toHaveText(/new folder named after the workflow/);

    await tid(page, 'preview').click();
    await host.serve('ideationWizard/preview');
    await ui(tid(page, 'target-folder')).toHaveText(`Generates into ${target}`);
    await ui(tid(page, 'overwrite-badge')).toHaveCount(0);
    await ui(tid(page, 'replace-existing')).toHaveCount(0);
    await page.getByText('.agentify/config.json').click();
    await ui(tid(page, 'file-content')).toContainText('"tableName": "team-events"');
    await ui(tid(page, 'file-content')).toContainText('"endpoint": "http://127.0.0.1:8123"');
    await ui(tid(page, 'file-content')).not.toContainText('"local"');

    await tid(page, 'generate').click();
    await host.serve('ideationWizard/generate');
    await ui(tid(page, 'generate-result')).toContainText(`in ${target}`);
    expect(requests).toEqual([{ folder: target, overwrite: [] }]);
    const written = JSON.parse(readFileSync(path.join(target, '.agentify/config.json'), 'utf8'));
    expect(written.infrastructure.dynamodb.tableName).toBe('team-events');
    // The preview refreshes: every file is now there and unchanged.
    await host.serve('ideationWizard/preview');
    await ui(tid(page, 'unchanged-badge')).toHaveCount(Object.keys(generateProject(design)).length);

    await tid(page, 'choose-folder').click();
    await host.serve('ideationWizard/chooseFolder');
    await host.serve('ideationWizard/preview');
    await ui(tid(page, 'target-folder')).toHaveText(`Generates into ${path.join(parent, 'elsewhere')}`);
    await host.close();
  });

  it('replaces existing files only after the preview showed them and the user ticked the consent', async () => {
    const target = mkdtempSync(path.join(tmpdir(), 'agentify-wizard-existing-'));
    folders.push(target);
    writeFileSync(path.join(target, 'README.md'), '# My own project\n');
    const objective = 'Decide small business loan applications within ten minutes, with a full audit trail';
    const design = await assistedDesign('finance', objective, ['Core banking']);
    const host = await StandInHost.open({ hostState: { step: 'review', design } });
    const { page } = host;
    const requests = folderHost(host, target, target);

    await tid(page, 'preview').click();
    await host.serve('ideationWizard/preview');
    await ui(tid(page, 'overwrite-badge')).toHaveCount(1);
    await ui(tid(page, 'overwrite-note')).toContainText('1 existing file differs');
    await ui(tid(page, 'replace-existing')).not.toBeChecked();
    await shot(page, '8-review-existing-folder');

    await tid(page, 'generate').click();
    await host.serve('ideationWizard/generate');
    await ui(tid(page, 'generate-result')).toContainText('Nothing was written');
    await ui(tid(page, 'generate-result')).toContainText('README.md');
    expect(readFileSync(path.join(target, 'README.md'), 'utf8')).toBe('# My own project\n');
    expect(existsSync(path.join(target, 'agents'))).toBe(false);
    await host.serve('ideationWizard/preview');

    await tid(page, 'replace-existing').check();
    await tid(page, 'generate').click();
    await host.serve('ideationWizard/generate');
    await ui(tid(page, 'generate-result')).toContainText('Wrote');
    expect(requests.map((r) => r.overwrite)).toEqual([[], ['README.md']]);
    expect(readFileSync(path.join(target, 'README.md'), 'utf8')).toContain('Agentify demo');
    expect(existsSync(path.join(target, 'agents', 'main.py'))).toBe(true);
    await host.close();
  });
});

describe('Ideation Wizard: what the offline assistant suggests and the README it previews', () => {
  it('suggests one target per metric, and previews a README that runs as written', async () => {
    const objective = 'Cut churn among fibre customers who call support twice in a month';
    const design = { ...(await assistedDesign('telecom', objective, ['BSS'])), kpis: [] };
    const host = await StandInHost.open({ hostState: { step: 'outcomes', design } });
    const { page } = host;
    await tid(page, 'assistant-ask').click();
    await host.serve('ideationWizard/suggest');
    await ui(tid(page, 'assistant-output')).toContainText('Churn of contacted customers: −15 %');
    await ui(tid(page, 'assistant-output')).not.toContainText('Churn among contacted customers');
    await tid(page, 'assistant-accept').click();
    const kpiNames = async () => (await host.state()).design.kpis.map((k) => k.name);
    const churnKpis = async () => (await kpiNames()).filter((name) => /churn/i.test(name));
    await ui.poll(churnKpis).toEqual(['Churn of contacted customers']);
    await host.close();

    const full = await assistedDesign('telecom', objective, ['BSS']);
    const review = await StandInHost.open({ hostState: { step: 'review', design: full } });
    await tid(review.page, 'preview').click();
    await review.serve('ideationWizard/preview');
    await review.page.getByText('README.md', { exact: true }).click();
    const content = tid(review.page, 'file-content');
    await ui(content).toContainText('```sh\npython3 agents/main.py --prompt \'');
    await ui(content).toContainText('Open this folder in VS Code');
    await ui(content).not.toContainText('path/to');
    await review.close();
  });
});
