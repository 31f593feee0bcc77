/**
 * The Ideation Wizard bundle in real headless Chromium. The test plays the extension host: it
 * answers the webview's requests with the real offline assistant and the real generator, and
 * streams the assistant's tokens as the host does.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, WizardState, emptyDesign } from '../../src/protocol/ideationWizard';
import { OfflineAssistant } from '../../src/wizard/assistant/offline/offlineAssistant';
import { generateProject } from '../../src/wizard/generator/generateProject';
import { planFolder, writeProject } from '../../src/wizard/projectFolder';
import { pw } from '../support/retrying';
import { assistedDesign } from '../unit/wizard/designs';
import { RecordedHost, WebviewHarness, sendToWebview, Theme } from './support/webviewPage';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const XSS = '<img src=x onerror=window.__xss++>';
const SCRIPT_END = '</script><script>window.__xss++</script>';

let harness: WebviewHarness;

beforeAll(async () => {
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

  static async open(
    options: {
      theme?: Theme;
      initialState?: unknown;
      hostState?: WizardState | null;
      assistant?: { kind: 'offline' | 'bedrock'; modelId?: string };
    } = {},
  ): Promise<StandInHost> {
    const page = await harness.open({
      bundle: 'ideation-wizard',
      theme: options.theme,
      initialState: options.initialState,
    });
    const host = new StandInHost(page);
    await host.waitFor('ready');
    await sendToWebview(page, {
      kind: 'notification',
      method: 'ideationWizard/state',
      params: { state: options.hostState ?? null, assistant: options.assistant ?? { kind: 'offline' } },
    });
    return host;
  }

  posted(): Promise<Posted[]> {
    return this.page.evaluate(() => (window as unknown as { __host: RecordedHost }).__host.posted as Posted[]);
  }

  async waitFor(method: string): Promise<Posted> {
    const handle = await this.page.waitForFunction(
      (m) => (window as unknown as { __host: RecordedHost }).__host.posted.find((p) => (p as Posted).method === m),
      method,
    );
    return (await handle.jsonValue()) as Posted;
  }

  /** Waits for the next request of `method` not taken yet, and takes it (the caller answers it). */
  async nextRequest(method: string): Promise<Posted> {
    await this.page.waitForFunction(
      ([m, n]) =>
        (window as unknown as { __host: RecordedHost }).__host.posted.filter(
          (p) => (p as Posted).kind === 'request' && (p as Posted).method === m,
        ).length > (n as number),
      [method, this.countOf(method)] as const,
    );
    const req = (await this.posted()).filter((p) => p.kind === 'request' && p.method === method)[this.countOf(method)];
    this.counts.set(method, this.countOf(method) + 1);
    return req;
  }

  /** Waits for the next request and answers it as the real host would. */
  async serve(method: string): Promise<void> {
    const req = await this.nextRequest(method);
    const params = req.params as { requestId: string; step: 'clarify'; design: WizardState['design'] };
    let result: unknown;
    if (this.answers[method]) {
      result = await this.answers[method](params as never);
    } else if (method === 'ideationWizard/suggest') {
      result = this.suggestionOverride?.(params);
      if (!result) {
        const tokens: string[] = [];
        const suggestion = await new OfflineAssistant().suggest({ step: params.step, design: params.design }, (t) =>
          tokens.push(t),
        );
        for (const text of tokens)
          await sendToWebview(this.page, {
            kind: 'notification',
            method: 'ideationWizard/assistantToken',
            params: { requestId: params.requestId, text },
          });
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
    await pw(tid(page, 'step-count')).toHaveText('Step 1 of 8');
    await shot(page, '1-objective-empty');
    await tid(page, 'example-0').click();
    await pw(tid(page, 'objective')).toHaveValue(/order-status/);
    await pw(tid(page, 'system-chip')).toHaveCount(3);
    await shot(page, '1-objective');

    await next(page, 'clarify');
    await tid(page, 'assistant-ask').click();
    await host.serve('ideationWizard/suggest');
    await pw(tid(page, 'assistant-output')).toContainText('questions');
    await pw(tid(page, 'assistant-kind')).toHaveText('Offline assistant');
    await tid(page, 'assistant-accept').click();
    await pw.poll(() => tid(page, 'clarification').count()).toBeGreaterThanOrEqual(3);
    await tid(page, 'use-suggestion-0').click();
    await pw(tid(page, 'answer-0')).not.toHaveValue('');
    await tid(page, 'answer-1').fill('Only web chat for now.');
    await tid(page, 'accept-all-answers').click();
    await shot(page, '2-clarify');

    await next(page, 'outcomes');
    await askAndAccept(host);
    await pw.poll(() => tid(page, 'kpi').count()).toBeGreaterThanOrEqual(3);
    await shot(page, '3-outcomes');

    await next(page, 'guardrails');
    await askAndAccept(host);
    await pw(tid(page, 'constraints')).toHaveValue(/return policy/);
    await shot(page, '4-guardrails');

    await next(page, 'team');
    await askAndAccept(host);
    await pw(tid(page, 'graph-agent')).toHaveCount(4);
    await pw.poll(() => tid(page, 'graph-tool').count()).toBeGreaterThanOrEqual(4);
    await pw(tid(page, 'graph-edge')).toHaveCount(3);
    await shot(page, '5-team');

    await next(page, 'mockData');
    await askAndAccept(host);
    await pw(tid(page, 'dataset')).toHaveCount(2);
    await shot(page, '6-mock-data');

    await next(page, 'demo');
    await askAndAccept(host);
    await pw(tid(page, 'demo-prompts')).toHaveValue(/ORD-1042/);
    await shot(page, '7-demo');

    await next(page, 'review');
    await tid(page, 'preview').click();
    await host.serve('ideationWizard/preview');
    await tid(page, 'file-preview').waitFor();
    await pw(tid(page, 'file-content')).toContainText('@workflow');
    await pw(tid(page, 'overwrite-badge')).toHaveCount(1);
    await page.getByText('.kiro/steering/product.md').click();
    await pw(tid(page, 'file-content')).toContainText('# Product');
    await tid(page, 'generate').click();
    await host.serve('ideationWizard/generate');
    await pw(tid(page, 'generate-result')).toContainText('Wrote the project.');
    await shot(page, '8-review');

    // The host got the state for the workspace, and it is the design on screen.
    const savedAgents = async () =>
      (
        (await host.posted()).filter((p) => p.method === 'ideationWizard/saveState').pop()?.params as
          WizardState | undefined
      )?.design.agents.length;
    await pw.poll(savedAgents).toBe(4);
    await host.close();
  });

  it('validates each step with inline messages and focuses the first problem', async () => {
    const host = await StandInHost.open();
    const { page } = host;
    await tid(page, 'next').click();
    await pw(tid(page, 'objective-error')).toContainText('at least 20 characters');
    await pw(tid(page, 'systems-error')).toContainText('at least one system');
    await pw(tid(page, 'error-summary')).toContainText('2 things need');
    await pw(tid(page, 'objective')).toBeFocused();
    await pw(tid(page, 'content-objective')).toHaveCount(1);
    await shot(page, 'validation');

    await tid(page, 'objective').fill('Answer supplier invoice questions without a clerk.');
    await tid(page, 'system-input').fill('SAP ERP');
    await tid(page, 'system-input').press('Enter');
    await next(page, 'clarify');
    await tid(page, 'next').click();
    await pw(tid(page, 'clarifications-error')).toContainText('follow-up questions');
    await tid(page, 'add-question').click();
    await tid(page, 'question-0').fill('Which currencies?');
    await tid(page, 'next').click();
    await pw(tid(page, 'answer-0-error')).toContainText('Answer this question');
    await tid(page, 'answer-0').fill('EUR and USD');
    await next(page, 'outcomes');

    // Jumping ahead in the step indicator stops at the first incomplete step.
    await tid(page, 'step-review').click();
    await tid(page, 'content-outcomes').waitFor();
    await pw(tid(page, 'kpis-error')).toContainText('at least one success metric');
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
    await pw(tid(page, 'industry')).toHaveValue('finance');
    await pw(tid(page, 'objective')).toHaveValue(/loan applications/);
    await next(page, 'clarify');
    await pw(tid(page, 'answer-0')).toHaveValue('500 a day');
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
    // The webview saves its state as it changes: wait for the last answer to be in it.
    await pw.poll(async () => (await first.state())?.design.clarifications[0]?.answer).toBe('Plant 3');
    const saved = await first.state();
    await first.close();
    expect(saved.step).toBe('clarify');

    // A reload: the webview finds its state; the host's older copy must not replace it.
    const reloaded = await StandInHost.open({
      initialState: saved,
      hostState: { step: 'objective', design: emptyDesign() },
    });
    await tid(reloaded.page, 'content-clarify').waitFor();
    await pw(tid(reloaded.page, 'answer-0')).toHaveValue('Plant 3');
    await tid(reloaded.page, 'back').click();
    await pw(tid(reloaded.page, 'industry')).toHaveValue('manufacturing');
    await reloaded.close();

    // A new window: no webview state, the host's workspace copy is used.
    const fresh = await StandInHost.open({ hostState: saved });
    await tid(fresh.page, 'content-clarify').waitFor();
    await pw(tid(fresh.page, 'question-0')).toHaveValue('Which plant?');
    // Reset Wizard clears it.
    await sendToWebview(fresh.page, { kind: 'notification', method: 'ideationWizard/reset', params: null });
    await tid(fresh.page, 'content-objective').waitFor();
    await pw(tid(fresh.page, 'objective')).toHaveValue('');
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
    await pw(tid(page, 'graph-agent')).toHaveCount(3);
    await pw(tid(page, 'graph-edge')).toHaveCount(0);

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
    await pw(tid(page, 'graph-tool')).toHaveCount(2);

    // A graph pattern without hand-offs is refused with a message.
    await tid(page, 'next').click();
    await pw(tid(page, 'edges-error')).toContainText('connect the agents');

    // Connect by mouse: Sensor Analyst → Planner, Sensor Analyst → Parts.
    const agent = (name: string) => page.locator('[data-testid="graph-agent"]', { hasText: name });
    await agent('Sensor Analyst').click();
    await pw(agent('Sensor Analyst')).toHaveClass(/selected/);
    await agent('Planner').click();
    // The message goes away once the hand-off that fixes it exists.
    await pw(tid(page, 'edges-error')).toHaveCount(0);
    await agent('Sensor Analyst').click();
    await agent('Parts').click();
    await pw(tid(page, 'graph-edge')).toHaveCount(2);
    // Connect by keyboard: Planner → Parts.
    await agent('Planner').focus();
    await page.keyboard.press('Enter');
    await agent('Parts').focus();
    await page.keyboard.press('Enter');
    await pw(tid(page, 'graph-edge')).toHaveCount(3);
    await shot(page, 'team-graph-edited');
    // Disconnect: click a hand-off; press Delete on another.
    await tid(page, 'graph-edge').first().click({ force: true });
    await pw(tid(page, 'graph-edge')).toHaveCount(2);
    await tid(page, 'graph-edge').first().focus();
    await page.keyboard.press('Delete');
    await pw(tid(page, 'graph-edge')).toHaveCount(1);

    // Removing an agent removes its hand-offs.
    await tid(page, 'remove-agent-2').click();
    await pw(tid(page, 'graph-agent')).toHaveCount(2);
    const team = async () => {
      const { agents, edges } = (await host.state()).design;
      const known = (id: string) => agents.some((a) => a.id === id);
      return {
        agents: agents.map((a) => a.name),
        tools: agents[0]?.tools.map((t) => t.name),
        dangling: edges.filter((e) => !known(e.from) || !known(e.to)),
      };
    };
    await pw.poll(team).toEqual({ agents: ['Sensor Analyst', 'Planner'], tools: ['read_sensor_trend'], dangling: [] });
    await host.close();
  });

  it('keeps a click on a button that takes focus from an edited field, however long the press', async () => {
    const planner = { id: 'a1', name: 'Planner', role: 'Plans the work', instructions: '', tools: [] };
    const design = {
      ...emptyDesign(),
      objective: 'Plan maintenance before machines fail.',
      systems: ['ERP'],
      agents: [planner],
    };
    const host = await StandInHost.open({ initialState: { step: 'team', design } });
    const { page } = host;
    await tid(page, 'agent-name-0').fill('Scheduler');
    const box = await tid(page, 'add-tool-0').boundingBox();
    if (!box) throw new Error('the Add tool button is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    // A person's press lasts longer than a task: let what the press queued (the field's change) run first.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    await page.mouse.up();
    await pw(tid(page, 'tool-name-0-0')).toHaveCount(1);
    await pw(page.locator('[data-testid="graph-agent"] text', { hasText: 'Scheduler' })).toHaveCount(1);
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
    await pw(tid(page, 'system-chip')).toHaveText([XSS, SCRIPT_END]);
    await next(page, 'clarify');

    // The assistant's answer is untrusted too.
    host.suggestionOverride = ({ requestId }) => ({
      requestId,
      source: 'bedrock',
      notice: `${XSS} notice`,
      suggestion: {
        step: 'clarify',
        clarifications: [{ id: 'q-1', question: XSS, answer: '', suggestion: SCRIPT_END }],
      },
    });
    await tid(page, 'assistant-ask').click();
    const req = await host.waitFor('ideationWizard/suggest');
    await sendToWebview(page, {
      kind: 'notification',
      method: 'ideationWizard/assistantToken',
      params: { requestId: (req.params as { requestId: string }).requestId, text: `${XSS}${SCRIPT_END}` },
    });
    await page.waitForFunction(
      (t) => document.querySelector('[data-testid="assistant-output"]')?.textContent === t,
      `${XSS}${SCRIPT_END}`,
    );
    await host.serve('ideationWizard/suggest');
    await pw(tid(page, 'assistant-notice')).toContainText(`${XSS} notice`);
    await tid(page, 'assistant-accept').click();
    await pw(tid(page, 'question-0')).toHaveValue(XSS);
    await pw(tid(page, 'suggested-0')).toHaveText(SCRIPT_END);
    await tid(page, 'use-suggestion-0').click();
    await pw(tid(page, 'answer-0')).toHaveValue(SCRIPT_END);
    await shot(page, 'hostile-text');

    // Agents named with markup, in the graph and the file preview.
    await pw.poll(async () => (await host.state()).design.clarifications[0]?.answer).toBe(SCRIPT_END);
    const state = await host.state();
    state.step = 'review';
    state.design.agents = [
      {
        id: 'a1',
        name: XSS,
        role: SCRIPT_END,
        instructions: XSS,
        tools: [{ id: 't1', name: SCRIPT_END, description: XSS, mockResponse: '{}' }],
      },
    ];
    await host.close();
    const review = await StandInHost.open({ initialState: state });
    await review.page.locator('[data-testid="review-team"] li', { hasText: XSS }).waitFor();
    await tid(review.page, 'preview').click();
    await review.serve('ideationWizard/preview');
    await review.page.getByText('agents/workflow_design.json').click();
    await pw(tid(review.page, 'file-content')).toContainText(JSON.stringify(XSS));
    await tid(review.page, 'step-team').click();
    await pw(tid(review.page, 'graph-agent').locator('title')).toContainText(XSS);
    await pw(review.page.locator('img, script:not([src])')).toHaveCount(0);
    await pw.poll(() => review.page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    await review.close();
  });

  it('shows the Bedrock model, a fallback notice, and request errors', async () => {
    const host = await StandInHost.open({
      initialState: {
        step: 'outcomes',
        design: {
          ...emptyDesign(),
          objective: 'Reduce churn among broadband customers.',
          systems: ['CRM'],
          industry: 'telecom',
        },
      },
      assistant: { kind: 'bedrock', modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0' },
    });
    const { page } = host;
    await pw(tid(page, 'assistant-kind')).toHaveText('Amazon Bedrock (anthropic.claude-3-5-sonnet-20240620-v1:0)');
    // The step indicator ticks complete steps only: the objective is, the unanswered Clarify is not.
    await pw(page.locator('.steps li:has([data-testid="step-objective"])')).toHaveClass(/done/);
    await pw(page.locator('.steps li:has([data-testid="step-clarify"])')).not.toHaveClass(/done/);
    host.suggestionOverride = ({ requestId }) => ({
      requestId,
      source: 'offline',
      notice:
        'Access to the Bedrock model was denied. Request access in the Amazon Bedrock console. ' +
        'The offline assistant answered instead.',
      suggestion: { step: 'outcomes', kpis: [{ id: 'k1', name: 'Churn', target: '-15 %' }] },
    });
    await tid(page, 'assistant-ask').click();
    await host.serve('ideationWizard/suggest');
    await pw(tid(page, 'assistant-notice')).toContainText('offline assistant answered instead');
    await pw(page.locator('.assistant-source')).toHaveText('Suggested by the offline assistant');
    await shot(page, 'assistant-fallback');
    await tid(page, 'assistant-dismiss').click();
    await pw(tid(page, 'assistant-accept')).toHaveCount(0);
    await pw(tid(page, 'kpi')).toHaveCount(0);

    await tid(page, 'assistant-ask').click();
    const request = await host.nextRequest('ideationWizard/suggest');
    const throttled = { code: 'Throttled', message: 'Amazon Bedrock is throttling requests.' };
    await sendToWebview(page, { kind: 'response', id: request.id, ok: false, error: throttled });
    await pw(tid(page, 'assistant-error')).toContainText('throttling');
    await host.close();
  });

  it('refuses an answer of the wrong shape, and settles a failure that carries no code', async () => {
    const design = { ...emptyDesign(), objective: 'Reduce churn among broadband customers.', systems: ['CRM'] };
    const host = await StandInHost.open({ initialState: { step: 'outcomes', design } });
    const { page } = host;
    const ask = async () => {
      await tid(page, 'assistant-ask').click();
      return host.nextRequest('ideationWizard/suggest');
    };
    const overLong = { id: 'k1', name: 'x'.repeat(LIMITS.short + 1), target: '-15 %' };
    let request = await ask();
    await sendToWebview(page, {
      kind: 'response',
      id: request.id,
      ok: true,
      result: {
        requestId: (request.params as { requestId: string }).requestId,
        source: 'offline',
        suggestion: { step: 'outcomes', kpis: [overLong] },
      },
    });
    await pw(tid(page, 'assistant-error')).toContainText('an answer of the wrong shape');
    await pw(tid(page, 'kpi')).toHaveCount(0);

    request = await ask();
    await sendToWebview(page, {
      kind: 'response',
      id: request.id,
      ok: false,
      error: { message: 'The model is busy.' },
    });
    await pw(tid(page, 'assistant-error')).toContainText('The model is busy.');
    await host.close();
  });

  it('is usable with the keyboard alone and follows light and high-contrast themes', async () => {
    for (const theme of ['light', 'high-contrast'] as const) {
      const host = await StandInHost.open({ theme });
      const { page } = host;
      await tid(page, 'example-3').focus();
      await page.keyboard.press('Enter');
      await pw(tid(page, 'industry')).toHaveValue('logistics');
      await tid(page, 'next').focus();
      await page.keyboard.press('Enter');
      await tid(page, 'content-clarify').waitFor();
      // Focus moved to the new step's content, so Tab continues from there.
      await pw(tid(page, 'content-clarify')).toBeFocused();
      await page.keyboard.press('Tab');
      await pw(tid(page, 'assistant-ask')).toBeFocused();
      await page.keyboard.press('Enter');
      await host.serve('ideationWizard/suggest');
      await tid(page, 'assistant-accept').focus();
      await page.keyboard.press('Enter');
      await pw.poll(() => tid(page, 'clarification').count()).toBeGreaterThan(0);
      await shot(page, `clarify-${theme}`);
      await pw(page.locator('body')).toHaveCSS(
        'background-color',
        theme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(0, 0, 0)',
      );
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
    await pw(tid(page, 'target-folder')).toHaveText(/new folder named after the workflow/);

    await tid(page, 'preview').click();
    await host.serve('ideationWizard/preview');
    await pw(tid(page, 'target-folder')).toHaveText(`Generates into ${target}`);
    await pw(tid(page, 'overwrite-badge')).toHaveCount(0);
    await pw(tid(page, 'replace-existing')).toHaveCount(0);
    await page.getByText('.agentify/config.json').click();
    await pw(tid(page, 'file-content')).toContainText('"tableName": "team-events"');
    await pw(tid(page, 'file-content')).toContainText('"endpoint": "http://127.0.0.1:8123"');
    await pw(tid(page, 'file-content')).not.toContainText('"local"');

    await tid(page, 'generate').click();
    await host.serve('ideationWizard/generate');
    await pw(tid(page, 'generate-result')).toContainText(`in ${target}`);
    expect(requests).toEqual([{ folder: target, overwrite: [] }]);
    const written = JSON.parse(readFileSync(path.join(target, '.agentify/config.json'), 'utf8'));
    expect(written.infrastructure.dynamodb.tableName).toBe('team-events');
    // The preview refreshes: every file is now there and unchanged.
    await host.serve('ideationWizard/preview');
    await pw(tid(page, 'unchanged-badge')).toHaveCount(Object.keys(generateProject(design)).length);

    await tid(page, 'choose-folder').click();
    await host.serve('ideationWizard/chooseFolder');
    await host.serve('ideationWizard/preview');
    await pw(tid(page, 'target-folder')).toHaveText(`Generates into ${path.join(parent, 'elsewhere')}`);
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
    await pw(tid(page, 'overwrite-badge')).toHaveCount(1);
    await pw(tid(page, 'overwrite-note')).toContainText('1 existing file differs');
    await pw(tid(page, 'replace-existing')).not.toBeChecked();
    await shot(page, '8-review-existing-folder');

    await tid(page, 'generate').click();
    await host.serve('ideationWizard/generate');
    await pw(tid(page, 'generate-result')).toContainText('Nothing was written');
    await pw(tid(page, 'generate-result')).toContainText('README.md');
    expect(readFileSync(path.join(target, 'README.md'), 'utf8')).toBe('# My own project\n');
    expect(existsSync(path.join(target, 'agents'))).toBe(false);
    await host.serve('ideationWizard/preview');

    await tid(page, 'replace-existing').check();
    await tid(page, 'generate').click();
    await host.serve('ideationWizard/generate');
    await pw(tid(page, 'generate-result')).toContainText('Wrote');
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
    await pw(tid(page, 'assistant-output')).toContainText('Churn of contacted customers: −15 %');
    await pw(tid(page, 'assistant-output')).not.toContainText('Churn among contacted customers');
    await tid(page, 'assistant-accept').click();
    const kpiNames = async () => (await host.state()).design.kpis.map((k) => k.name);
    const churnKpis = async () => (await kpiNames()).filter((name) => /churn/i.test(name));
    await pw.poll(churnKpis).toEqual(['Churn of contacted customers']);
    await host.close();

    const full = await assistedDesign('telecom', objective, ['BSS']);
    const review = await StandInHost.open({ hostState: { step: 'review', design: full } });
    await tid(review.page, 'preview').click();
    await review.serve('ideationWizard/preview');
    await review.page.getByText('README.md', { exact: true }).click();
    const content = tid(review.page, 'file-content');
    await pw(content).toContainText("```sh\npython3 agents/main.py --prompt '");
    await pw(content).toContainText('Open this folder in VS Code');
    await pw(content).not.toContainText('path/to');
    await review.close();
  });
});
