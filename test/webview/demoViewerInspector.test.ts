/**
 * The Demo Viewer as an inspector, in real headless Chromium: the span/agent detail pane (every
 * kind of span, the filters, the keyboard), totals and estimated cost with known token counts,
 * the graph's live status and one identity per agent, the comparison of two runs, and long
 * names that must not widen the page. The test plays the host; every assertion retries.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pw as expect } from '../support/retrying';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { AgentifyEvent } from '../../src/events/types';
import type { DemoViewerState, RunSummary, ViewedRun } from '../../src/protocol/demoViewer';
import {
  CompareNotification,
  CompareRunsCommand,
  CopyCommand,
  EventNotification,
  PricesNotification,
  ResetNotification,
  RunCommand,
  RunStatusNotification,
  StateNotification,
} from '../../src/protocol/demoViewer';
import { RecordedHost, WebviewHarness, sendToWebview, waitForPosted } from './support/webviewPage';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const T0 = Date.UTC(2026, 0, 5, 9, 30, 0);
const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const TRACEBACK = [
  'Traceback (most recent call last):',
  '  File "/work/app/agents/main.py", line 51, in research',
  '    findings = team.researcher(questions)',
  '  File "/opt/venv/lib/python3.12/site-packages/agentify/decorators.py", line 140, in wrapper',
  '    result = func(*args, **kwargs)',
  '  File "/opt/venv/lib/python3.12/site-packages/agentify/spans.py", line 20, in run',
  '    return call()',
  '  File "/work/app/agents/team.py", line 40, in fetch_page',
  '    raise TimeoutError("timed out")',
  'TimeoutError: timed out',
].join('\n');

let harness: WebviewHarness;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await WebviewHarness.start();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

type Push = (
  type: AgentifyEvent['event_type'],
  payload: AgentifyEvent['payload'],
  agent?: string,
  step?: number,
) => void;

function builder(workflowId: string): { events: AgentifyEvent[]; push: Push } {
  let t = T0;
  const events: AgentifyEvent[] = [];
  const push: Push = (event_type, payload, agent_name, step = 10) => {
    t += step;
    events.push({ workflow_id: workflowId, timestamp: t, event_type, ...(agent_name ? { agent_name } : {}), payload });
  };
  return { events, push };
}

/**
 * planner (one model call, 1,000 in / 200 out tokens on a priced model) → researcher (search ok,
 * fetch_page failed with a traceback through Agentify's frames) → writer (a model call on an
 * unpriced model). Run time: 1,000 ms from first to last event.
 */
function inspectedRun(
  workflowId = 'wf-insp',
  opts: { writerFails?: boolean; result?: string; skipWriter?: boolean } = {},
): AgentifyEvent[] {
  const { events, push } = builder(workflowId);
  push('workflow_start', { span_id: 'wf', input: { prompt: 'Compare vector databases' } }, undefined, 0);
  push('graph_structure', {
    nodes: [
      { id: 'planner', kind: 'agent' },
      { id: 'researcher', kind: 'agent' },
      { id: 'writer', kind: 'agent' },
    ],
    edges: [
      { from: 'planner', to: 'researcher', label: 'questions' },
      { from: 'researcher', to: 'writer', label: 'findings' },
    ],
  });
  push(
    'agent_start',
    { span_id: 'a-planner', parent_span_id: 'wf', input: { prompt: 'Compare vector databases' } },
    'planner',
  );
  push(
    'llm_call',
    {
      span_id: 'llm-1',
      parent_span_id: 'a-planner',
      status: 'completed',
      duration_ms: 400,
      'gen_ai.request.model': MODEL,
      'gen_ai.system': 'aws.bedrock',
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 200,
      input: [
        { role: 'system', content: 'You plan research.' },
        { role: 'user', content: [{ text: 'Split the question into three' }] },
      ],
      output: 'Three questions about cost, risk and criteria',
    },
    'planner',
    420,
  );
  push('agent_end', { span_id: 'a-planner', status: 'completed', output: ['q1', 'q2', 'q3'] }, 'planner');
  push('agent_start', { span_id: 'a-researcher', parent_span_id: 'wf' }, 'researcher');
  push(
    'tool_call',
    {
      span_id: 't-search',
      parent_span_id: 'a-researcher',
      status: 'started',
      'gen_ai.tool.name': 'web_search',
      input: { query: 'qdrant', limit: 3 },
    },
    'researcher',
  );
  push(
    'tool_call',
    {
      span_id: 't-search',
      status: 'completed',
      'gen_ai.tool.name': 'web_search',
      duration_ms: 120,
      output: { hits: ['Qdrant'] },
    },
    'researcher',
    120,
  );
  push(
    'tool_call',
    {
      span_id: 't-fetch',
      parent_span_id: 'a-researcher',
      status: 'started',
      'gen_ai.tool.name': 'fetch_page',
      input: { url: 'https://qdrant.tech' },
    },
    'researcher',
  );
  push(
    'tool_call',
    {
      span_id: 't-fetch',
      status: 'failed',
      'gen_ai.tool.name': 'fetch_page',
      duration_ms: 200,
      error: { type: 'TimeoutError', message: 'timed out', traceback: TRACEBACK },
    },
    'researcher',
    200,
  );
  push('log', { level: 'info', message: 'moving on' }, 'researcher');
  push('agent_end', { span_id: 'a-researcher', status: 'completed' }, 'researcher');
  if (!opts.skipWriter) {
    push('agent_start', { span_id: 'a-writer', parent_span_id: 'wf' }, 'writer');
    push(
      'llm_call',
      {
        span_id: 'llm-2',
        parent_span_id: 'a-writer',
        status: 'completed',
        'gen_ai.request.model': 'offline-simulator',
        'gen_ai.usage.input_tokens': 50,
        'gen_ai.usage.output_tokens': 5,
      },
      'writer',
      50,
    );
    push(
      'agent_end',
      {
        span_id: 'a-writer',
        status: opts.writerFails ? 'failed' : 'completed',
        ...(opts.writerFails ? { error: { type: 'ValueError', message: 'no draft' } } : {}),
      },
      'writer',
    );
  }
  const end = T0 + 1000;
  const last = events[events.length - 1].timestamp;
  if (opts.writerFails || opts.skipWriter)
    events.push({
      workflow_id: workflowId,
      timestamp: Math.max(end, last + 1),
      event_type: 'workflow_error',
      payload: {
        span_id: 'wf',
        status: 'failed',
        error: { type: opts.skipWriter ? 'RuntimeError' : 'ValueError', message: 'no draft' },
      },
    });
  else
    events.push({
      workflow_id: workflowId,
      timestamp: Math.max(end, last + 1),
      event_type: 'workflow_complete',
      payload: { span_id: 'wf', status: 'completed', result: opts.result ?? '# Report\nQdrant fits.\nWeaviate too.' },
    });
  return events;
}

const runOf = (
  events: AgentifyEvent[],
  status: ViewedRun['status'] = 'completed',
  prompt = 'Compare vector databases',
): ViewedRun => ({
  workflowId: events[0]?.workflow_id ?? 'wf-insp',
  prompt,
  startedAt: events[0]?.timestamp ?? T0,
  endedAt: events.at(-1)?.timestamp,
  status,
  source: 'live',
});

const notify = (page: Page, method: string, params: unknown) =>
  sendToWebview(page, { kind: 'notification', method, params });
/** One streamed event in the shape the host sends today; the viewer reads only `.event`. */
const live = (event: AgentifyEvent) => ({ event, source: 'stdout', index: 0, late: false });

async function open(viewport = { width: 1400, height: 1000 }): Promise<Page> {
  const page = await harness.open({ bundle: 'demo-viewer', viewport });
  await waitForPosted(page, 'ready');
  return page;
}

async function show(
  page: Page,
  events: AgentifyEvent[],
  run: ViewedRun | null = runOf(events),
  history: RunSummary[] = [],
): Promise<void> {
  await notify(page, StateNotification.method, { run, events, history } satisfies DemoViewerState);
  await expect(page.locator('.timeline-count')).toHaveText(`${events.length} events`);
}

const posted = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __host: RecordedHost }).__host.posted as { method: string; params?: unknown }[],
  );
const inspector = (page: Page) => page.getByTestId('inspector');
const spanRow = (page: Page, id: string) => page.locator(`[data-testid="span-row"][data-span="${id}"]`);

describe('Demo Viewer inspector', () => {
  it('opens every kind of span with its facts, inputs, outputs and raw events, and copies it', async () => {
    const page = await open();
    await show(page, inspectedRun());
    const pane = inspector(page);
    await expect(pane).toBeHidden();

    // The workflow span: input and result.
    await spanRow(page, 'wf').click();
    await expect(pane).toBeVisible();
    await expect(pane.locator('.insp-title')).toContainText('workflow');
    await expect(pane).toContainText('Workflow');
    await expect(pane.getByRole('region', { name: 'Result' })).toContainText('Qdrant fits.');
    await expect(pane).toContainText('Raw events (2)');

    // An agent span: inputs by argument name, its output, totals within.
    await spanRow(page, 'a-planner').click();
    await expect(pane.locator('.insp-title')).toContainText('planner');
    await expect(pane.locator('.insp-args dt')).toHaveText(['prompt']);
    await expect(pane.getByRole('region', { name: 'Output' })).toContainText('q1');
    await expect(pane).toContainText('Model calls (within)');

    // A model call: model, tokens, duration from the event, estimated cost, prompt messages and completion.
    await spanRow(page, 'llm-1').click();
    await expect(pane.locator('.insp-facts')).toContainText(MODEL);
    await expect(pane.locator('.insp-facts')).toContainText('1,000 in / 200 out');
    await expect(pane.locator('.insp-facts')).toContainText('400 ms');
    await expect(pane.locator('.insp-facts')).toContainText('≈ $0.0060 (estimate)');
    await expect(pane.locator('.insp-role')).toHaveText(['system', 'user']);
    await expect(pane.locator('.insp-messages')).toContainText('Split the question into three');
    await expect(pane.getByRole('region', { name: 'Completion' })).toContainText('Three questions');

    // An unpriced model says so; an instant model call says its duration was not reported.
    await spanRow(page, 'llm-2').click();
    await expect(pane.locator('.insp-facts')).toContainText('no price for this model');
    await expect(pane.locator('.insp-facts')).toContainText('not reported by the event');
    await expect(spanRow(page, 'llm-2').locator('.span-duration')).toHaveText('—');

    // A tool call: arguments by name, output, raw events that open on demand.
    await spanRow(page, 't-search').click();
    await expect(pane.locator('.insp-args dt')).toHaveText(['query', 'limit']);
    await expect(pane.getByRole('region', { name: 'Output' })).toContainText('Qdrant');
    await pane.getByTestId('insp-raw').first().locator('summary').click();
    await expect(pane.getByTestId('insp-raw').first()).toContainText('"tool_call"');

    await pane.getByTestId('insp-copy').click();
    await expect.poll(async () => (await posted(page)).filter((m) => m.method === CopyCommand.method).length).toBe(1);
    const copied = (await posted(page)).find((m) => m.method === CopyCommand.method)!.params as { text: string };
    expect(JSON.parse(copied.text)).toMatchObject({
      span: { id: 't-search', name: 'web_search', status: 'ok' },
      events: [{ payload: { status: 'started' } }, { payload: { status: 'completed' } }],
    });
    await page.context().close();
  });

  it('reads the messages of a model call traced with OpenTelemetry GenAI attributes', async () => {
    const page = await open();
    const { events, push } = builder('wf-otel');
    push('workflow_start', { span_id: 'wf' }, undefined, 0);
    const input = JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'What is Qdrant?' }] }]);
    const output = JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'A vector database.' }] }]);
    push(
      'llm_call',
      {
        span_id: 'o1',
        parent_span_id: 'wf',
        status: 'completed',
        latency_ms: 250,
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 10_000,
        'gen_ai.usage.output_tokens': 1_000,
        'gen_ai.input.messages': input,
        'gen_ai.output.messages': output,
      },
      'assistant',
      300,
    );
    push('workflow_complete', { span_id: 'wf', status: 'completed', result: 'ok' });
    await show(page, events);
    await spanRow(page, 'o1').click();
    const pane = inspector(page);
    await expect(pane.getByRole('region', { name: 'Prompt' }).locator('.insp-role')).toHaveText(['user']);
    await expect(pane.getByRole('region', { name: 'Prompt' })).toContainText('What is Qdrant?');
    await expect(pane.getByRole('region', { name: 'Completion' }).locator('.insp-role')).toHaveText(['assistant']);
    await expect(pane.getByRole('region', { name: 'Completion' })).toContainText('A vector database.');
    // Duration from latency_ms; 10,000 × $0.00015/1K + 1,000 × $0.0006/1K.
    await expect(pane.locator('.insp-facts')).toContainText('250 ms');
    await expect(pane.locator('.insp-facts')).toContainText('≈ $0.0021 (estimate)');
    await page.context().close();
  });

  it('shows a failed tool call expanded: the traceback starts at the user’s frames, Agentify’s folded', async () => {
    const page = await open();
    await show(page, inspectedRun());
    // In the tool-call list, the failed call is open and the successful one closed.
    await expect(page.locator('[data-testid="tool-call"][data-tool="fetch_page"]')).toHaveAttribute('open', '');
    await expect(page.locator('[data-testid="tool-call"][data-tool="web_search"]')).not.toHaveAttribute('open', '');
    const listed = page.locator('[data-testid="tool-call"][data-tool="fetch_page"] [data-testid="traceback"]');
    await expect(listed.locator('.tb-frame:not(.agentify) .tb-func')).toHaveText(['in research', 'in fetch_page']);
    await expect(listed.getByTestId('tb-folded')).toHaveCount(1);
    await expect(listed.getByTestId('tb-folded').locator('summary')).toHaveText('2 Agentify frames (decorators)');
    await expect(listed.locator('.tb-frame.agentify').first()).toBeHidden();

    // Its Inspect button opens the pane (without closing the card) with the error first.
    await page.locator('[data-testid="tool-call"][data-tool="fetch_page"]').getByTestId('tool-inspect').click();
    const pane = inspector(page);
    await expect(pane.getByTestId('insp-status')).toHaveText('Failed');
    await expect(pane.getByRole('alert')).toContainText('TimeoutError');
    await expect(pane.getByTestId('traceback').locator('.tb-text').last()).toHaveText('TimeoutError: timed out');
    await pane.getByTestId('tb-folded').locator('summary').click();
    await expect(pane.locator('.tb-frame.agentify .tb-file')).toHaveText([
      '/opt/venv/lib/python3.12/site-packages/agentify/decorators.py',
      '/opt/venv/lib/python3.12/site-packages/agentify/spans.py',
    ]);
    await expect(page.locator('[data-testid="tool-call"][data-tool="fetch_page"]')).toHaveAttribute('open', '');
    await page.screenshot({ path: path.join(SHOTS, 'demo-viewer-inspector-failed-tool.png') });
    await page.context().close();
  });

  it('follows the filters: what they hide it does not show, and Clear filters brings it back', async () => {
    const page = await open();
    await show(page, inspectedRun());
    const pane = inspector(page);
    await spanRow(page, 't-fetch').click();
    await expect(pane.getByTestId('insp-status')).toHaveText('Failed');
    // A type filter that lets none of the call's events through hides it, here and in the lists.
    await page.selectOption('select[aria-label="Filter by event type"]', 'llm_call');
    await expect(pane.getByTestId('insp-hidden')).toBeVisible();
    await expect(pane.getByRole('alert')).toHaveCount(0);
    await expect(page.getByTestId('tool-call')).toHaveCount(0);
    await expect(spanRow(page, 'llm-1')).toBeVisible();
    await expect(spanRow(page, 't-fetch')).toHaveCount(0);
    await pane.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.locator('select[aria-label="Filter by event type"]')).toHaveValue('');
    await expect(pane.getByTestId('insp-status')).toHaveText('Failed');
    await expect(page.getByTestId('tool-call')).toHaveCount(2);
    // Text search: the pane shows the call while the text matches one of its events.
    await page.fill('input[aria-label="Search events"]', 'qdrant.tech');
    await expect(pane.getByTestId('insp-status')).toHaveText('Failed');
    await page.fill('input[aria-label="Search events"]', 'nothing matches this');
    await expect(pane.getByTestId('insp-hidden')).toBeVisible();
    await page.context().close();
  });

  it('works by keyboard: arrows move in the span tree, Enter opens, Escape closes and gives focus back', async () => {
    const page = await open();
    await show(page, inspectedRun());
    const pane = inspector(page);
    await spanRow(page, 'wf').focus();
    await expect(spanRow(page, 'wf')).toHaveAttribute('tabindex', '0');
    await page.keyboard.press('ArrowDown');
    await expect(spanRow(page, 'a-planner')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(spanRow(page, 'llm-1')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(pane).toBeVisible();
    await expect(pane.locator('.insp-title')).toBeFocused();
    await expect(pane.locator('.insp-title')).toContainText(MODEL);
    await expect(spanRow(page, 'llm-1')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Escape');
    await expect(pane).toBeHidden();
    await expect(spanRow(page, 'llm-1')).toBeFocused();
    // A graph node: Enter filters by the agent and inspects it.
    await page.locator('[data-testid="graph-node"][data-agent="researcher"]').focus();
    await page.keyboard.press('Enter');
    await expect(pane.locator('.insp-title')).toContainText('researcher');
    await expect(pane.locator('.insp-facts')).toContainText('Tool calls');
    await expect(page.locator('select[aria-label="Filter by agent"]')).toHaveValue('researcher');
    // From the agent, a span in its list opens that span.
    await pane.locator('.insp-span-link', { hasText: 'fetch_page' }).click();
    await expect(pane.getByTestId('insp-status')).toHaveText('Failed');
    await pane.getByTestId('insp-close').click();
    await expect(pane).toBeHidden();
    await expect(page.locator('[data-testid="graph-node"][data-agent="researcher"]')).toBeFocused();
    // A timeline row's detail offers the span of its event.
    await page.getByTestId('timeline').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.getByTestId('event-inspect').click();
    await expect(pane.locator('.insp-title')).toContainText('researcher');
    await page.context().close();
  });

  it('keeps up while the run streams: a running tool call becomes failed in the list and the open pane', async () => {
    const page = await open();
    const events = inspectedRun('wf-live');
    await notify(page, StateNotification.method, { run: null, events: [], history: [] });
    await notify(page, ResetNotification.method, { run: { ...runOf(events, 'running'), endedAt: undefined } });
    const upTo = events.findIndex((e) => e.event_type === 'tool_call' && e.payload.status === 'failed');
    for (const e of events.slice(0, upTo)) await notify(page, EventNotification.method, live(e));
    await expect(page.getByTestId('timeline-row')).toHaveCount(upTo);
    await expect(page.getByTestId('tool-call')).toHaveCount(2);
    await expect(page.locator('[data-testid="tool-call"][data-tool="fetch_page"]')).toContainText('running');
    await expect(page.locator('[data-testid="graph-node"][data-agent="researcher"]')).toHaveAttribute(
      'data-status',
      'running',
    );
    await expect(page.locator('[data-testid="graph-node"][data-agent="writer"]')).toHaveAttribute(
      'data-status',
      'pending',
    );
    await page.locator('[data-testid="tool-call"][data-tool="fetch_page"]').getByTestId('tool-inspect').click();
    await expect(inspector(page).getByTestId('insp-status')).toHaveText('Running');
    await expect(page.getByTestId('run-timer')).not.toHaveText('');
    await notify(page, EventNotification.method, live(events[upTo]));
    await expect(inspector(page).getByTestId('insp-status')).toHaveText('Failed');
    await expect(page.locator('[data-testid="tool-call"][data-tool="fetch_page"]')).toHaveAttribute('open', '');
    for (const e of events.slice(upTo + 1)) await notify(page, EventNotification.method, live(e));
    await expect(page.getByTestId('run-status')).toContainText('Completed');
    await expect(page.locator('[data-testid="graph-node"][data-status="done"]')).toHaveCount(3);
    // The timer ends at the run time (first to last event), whatever this machine's clock says.
    await expect(page.getByTestId('run-timer')).toHaveText('1.00 s');
    await expect(page.getByTestId('run-timer')).toHaveAttribute('title', /first event to its last/);
    await page.context().close();
  });
});

describe('Demo Viewer totals and cost', () => {
  it('sums tokens, calls, errors and estimated cost per run and per agent, with the user’s prices', async () => {
    const page = await open();
    await show(page, inspectedRun());
    await expect(page.getByTestId('total-run-time')).toContainText('1.00 s');
    await expect(page.getByTestId('total-tokens')).toContainText('1,050 in / 205 out');
    await expect(page.getByTestId('total-model-calls')).toContainText('2');
    await expect(page.getByTestId('total-tool-calls')).toContainText('2');
    await expect(page.getByTestId('total-errors')).toContainText('1');
    // 1,000 × $0.003/1K + 200 × $0.015/1K on the priced model; the simulator has no price.
    await expect(page.getByTestId('total-cost')).toContainText('≈ $0.0060 + no price');
    await expect(page.getByTestId('total-cost')).toHaveAttribute(
      'title',
      /Estimated.*No price for: offline-simulator/s,
    );
    const row = (agent: string) => page.locator(`[data-testid="agent-total"][data-agent="${agent}"]`);
    await expect(row('planner').getByTestId('agent-cost')).toHaveText('≈ $0.0060');
    await expect(row('planner')).toContainText('1,000 / 200');
    await expect(row('researcher')).toContainText('Done');
    await expect(row('writer').getByTestId('agent-cost')).toHaveText('no price');
    // The setting's prices replace the defaults and price the simulator too.
    await notify(page, PricesNotification.method, {
      prices: { 'anthropic.claude-3-5-sonnet': { input: 1, output: 2 }, 'offline-simulator': { input: 10, output: 0 } },
    });
    await expect(row('planner').getByTestId('agent-cost')).toHaveText('≈ $1.40');
    await expect(row('writer').getByTestId('agent-cost')).toHaveText('≈ $0.5000');
    await expect(page.getByTestId('total-cost')).toContainText('≈ $1.90');
    await page.context().close();
  });
});

describe('Demo Viewer graph', () => {
  it('shows the failed agent and the one never reached, with call counts and edge labels', async () => {
    const page = await open();
    const events = inspectedRun('wf-fail', { skipWriter: true }).map((e) =>
      e.payload.span_id === 'a-researcher' && e.event_type === 'agent_end'
        ? {
            ...e,
            payload: { ...e.payload, status: 'failed' as const, error: { type: 'RuntimeError', message: 'gave up' } },
          }
        : e,
    );
    await show(page, events, runOf(events, 'failed'));
    const node = (id: string) => page.locator(`[data-testid="graph-node"][data-agent="${id}"]`);
    await expect(node('planner')).toHaveAttribute('data-status', 'done');
    await expect(node('researcher')).toHaveAttribute('data-status', 'failed');
    await expect(node('writer')).toHaveAttribute('data-status', 'notReached');
    await expect(node('writer').getByTestId('graph-node-detail')).toHaveText('not reached');
    await expect(node('researcher').getByTestId('graph-node-detail')).toHaveText('failed · 2 tools');
    await expect(page.getByTestId('graph-edge-label')).toHaveText(['questions · ×1', 'findings']);
    await expect(page.locator('[data-testid="agent-total"][data-agent="writer"]')).toContainText('Not reached');
    await node('writer').click();
    await expect(inspector(page).getByTestId('insp-status')).toHaveText('Not reached');
    await expect(inspector(page)).toContainText('This agent has not run in this run.');
    await page.screenshot({ path: path.join(SHOTS, 'demo-viewer-graph-failed.png') });
    await page.context().close();
  });

  it('matches graph nodes and events by id or name: four declared agents stay four', async () => {
    const page = await open();
    const { events, push } = builder('wf-ids');
    const names = ['Triage Agent', 'Research Agent', 'Writer Agent', 'Review Agent'];
    push('workflow_start', { span_id: 'wf' }, undefined, 0);
    push('graph_structure', {
      nodes: names.map((label, i) => ({ id: `agent-${i + 1}`, label, kind: 'agent' as const })),
      edges: [
        { from: 'agent-1', to: 'agent-2' },
        { from: 'agent-2', to: 'agent-3' },
        { from: 'agent-3', to: 'agent-4' },
      ],
    });
    // Three agents report by their label; the last by its node id.
    names.forEach((name, i) => {
      const agent = i === 3 ? 'agent-4' : name;
      push('agent_start', { span_id: `s${i}`, parent_span_id: 'wf' }, agent);
      push(
        'tool_call',
        {
          span_id: `t${i}`,
          parent_span_id: `s${i}`,
          status: 'completed',
          duration_ms: 5,
          'gen_ai.tool.name': `tool_${i}`,
        },
        agent,
      );
      push('agent_end', { span_id: `s${i}`, status: 'completed' }, agent);
    });
    push('workflow_complete', { span_id: 'wf', status: 'completed', result: 'done' });
    await show(page, events);
    await expect(page.locator('.section-graph .section-count')).toHaveText('4');
    await expect(page.getByTestId('graph-node')).toHaveCount(4);
    await expect(page.locator('[data-testid="graph-node"][data-status="done"]')).toHaveCount(4);
    await expect(page.locator('[data-testid="graph-node"][data-agent^="agent-"]')).toHaveCount(4);
    await expect(page.getByTestId('graph-edge')).toHaveCount(3);
    await expect(page.getByTestId('graph-edge-label')).toHaveText(['×1', '×1', '×1']);
    await expect(page.getByTestId('agent-total')).toHaveCount(4);
    await expect(page.locator('select[aria-label="Filter by agent"] option')).toHaveText(['All agents', ...names]);
    // Filtering by a node reaches the events that name it by label.
    await page.locator('[data-testid="graph-node"][data-agent="agent-2"]').click();
    await expect(page.getByTestId('timeline-row')).toHaveCount(3);
    await expect(inspector(page).locator('.insp-title')).toContainText('Research Agent');
    await expect(page.getByTestId('tool-call')).toHaveCount(1);
    await page.context().close();
  });
});

describe('Demo Viewer comparison and Run again', () => {
  it('asks for two runs (history or "Compare with previous") and shows them side by side with a diff', async () => {
    const page = await open();
    const a = inspectedRun('wf-a', { result: '# Report\nQdrant fits.\nWeaviate too.' });
    const b = inspectedRun('wf-b', { result: '# Report\nQdrant fits best.\nWeaviate too.' }).map((e) => ({
      ...e,
      timestamp: e.timestamp + 60_000 + (e.event_type === 'workflow_complete' ? 500 : 0),
    }));
    const history: RunSummary[] = [
      {
        workflowId: 'wf-b',
        prompt: 'second',
        startedAt: T0 + 60_000,
        status: 'completed',
        eventCount: b.length,
        durationMs: 1500,
      },
      {
        workflowId: 'wf-a',
        prompt: 'first',
        startedAt: T0,
        status: 'completed',
        eventCount: a.length,
        durationMs: 1000,
      },
    ];
    await show(page, b, runOf(b, 'completed', 'second'), history);
    await page.getByTestId('compare-previous').click();
    await expect
      .poll(async () => (await posted(page)).filter((m) => m.method === CompareRunsCommand.method).map((m) => m.params))
      .toEqual([{ left: 'wf-a', right: 'wf-b' }]);
    await page.locator('[data-testid="history-entry"][data-run="wf-a"]').getByTestId('compare-with').click();
    await expect
      .poll(async () => (await posted(page)).filter((m) => m.method === CompareRunsCommand.method).length)
      .toBe(2);
    await expect(
      page.locator('[data-testid="history-entry"][data-run="wf-b"]').getByTestId('compare-with'),
    ).toBeDisabled();

    await notify(page, CompareNotification.method, {
      left: { run: runOf(a, 'completed', 'first'), events: a },
      right: { run: runOf(b, 'completed', 'second'), events: b },
    });
    const view = page.getByTestId('compare');
    await expect(view).toBeVisible();
    const fig = (name: string) => view.locator(`[data-testid="compare-row"][data-name="${name}"]`);
    await expect(fig('Outcome')).toContainText('completed');
    await expect(fig('Run time').locator('td')).toHaveText(['1.00 s', '1.50 s', '+500 ms']);
    await expect(fig('Tokens in').locator('td')).toHaveText(['1,050', '1,050', '±0']);
    await expect(fig('Cost (estimate)').locator('td')).toHaveText([
      '≈ $0.0060 + no price',
      '≈ $0.0060 + no price',
      '±0',
    ]);
    await expect(view.locator('[data-testid="compare-timing"][data-name="planner"] td')).toHaveText([
      '430 ms',
      '430 ms',
      '±0',
    ]);
    await expect(view.locator('[data-testid="compare-timing"][data-name="fetch_page"] td')).toHaveText([
      '200 ms',
      '200 ms',
      '±0',
    ]);
    await expect(view.getByTestId('diff-del')).toHaveText(['−Qdrant fits.']);
    await expect(view.getByTestId('diff-add')).toHaveText(['+Qdrant fits best.']);
    await expect(view.getByTestId('diff-same')).toHaveCount(2);
    await page.screenshot({ path: path.join(SHOTS, 'demo-viewer-compare.png'), fullPage: true });
    await view.getByTestId('compare-close').click();
    await expect(view).toBeHidden();

    // Run again takes the entry's prompt.
    await page.locator('[data-testid="history-entry"][data-run="wf-a"]').getByTestId('run-again').click();
    await expect
      .poll(async () => (await posted(page)).filter((m) => m.method === RunCommand.method).map((m) => m.params))
      .toEqual([{ prompt: 'first' }]);
    await expect(page.getByTestId('prompt-input')).toHaveValue('first');
    await page.context().close();
  });
});

describe('Demo Viewer with long and hostile names', () => {
  it('keeps the page as wide as the viewport while 13 events with 200 KB agent names stream in', async () => {
    const page = await open({ width: 1280, height: 800 });
    const huge = (i: number) => `agent-${i}-${'x'.repeat(200_000)}`;
    await notify(page, StateNotification.method, { run: null, events: [], history: [] });
    await notify(page, ResetNotification.method, {
      run: { workflowId: 'wf-long', prompt: 'long', startedAt: T0, status: 'running', source: 'live' },
    });
    const events: AgentifyEvent[] = [
      { workflow_id: 'wf-long', timestamp: T0, event_type: 'workflow_start', payload: { span_id: 'wf' } },
    ];
    for (let i = 0; i < 12; i++) {
      const agent = huge(i % 6);
      events.push({
        workflow_id: 'wf-long',
        timestamp: T0 + 1 + i,
        event_type: i % 2 ? 'agent_end' : 'agent_start',
        agent_name: agent,
        payload: { span_id: `s${Math.floor(i / 2)}`, parent_span_id: 'wf', ...(i % 2 ? { status: 'completed' } : {}) },
      });
    }
    for (const e of events) await notify(page, EventNotification.method, live(e));
    await expect(page.getByTestId('timeline-row')).toHaveCount(13);
    await expect(page.getByTestId('graph-node')).toHaveCount(6);
    await expect(page.locator('select[aria-label="Filter by agent"] option')).toHaveCount(7);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBe(1280);
    // Cut everywhere, whole in the inspector's copy.
    await expect
      .poll(() =>
        page.evaluate(() =>
          Math.max(
            ...[...document.querySelectorAll('#app *')].map((n) =>
              n.childNodes.length === 1 && n.firstChild?.nodeType === 3 ? (n.textContent ?? '').length : 0,
            ),
          ),
        ),
      )
      .toBeLessThan(2_000);
    await page.locator('[data-testid="graph-node"]').first().click();
    await expect(inspector(page)).toBeVisible();
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBe(1280);
    await page.locator('[data-testid="span-row"][data-kind="agent"]').first().click();
    await inspector(page).getByTestId('insp-copy').click();
    await expect
      .poll(async () =>
        (
          (await posted(page)).find((m) => m.method === CopyCommand.method)?.params as { text: string } | undefined
        )?.text.includes(huge(0)),
      )
      .toBe(true);
    await notify(page, RunStatusNotification.method, { workflowId: 'wf-long', status: 'stopped', endedAt: T0 + 20 });
    await expect(page.getByTestId('run-status')).toContainText('Stopped');
    // The workflow span never ended: a stopped run says so instead of "running".
    await expect(spanRow(page, 'wf').locator('.span-duration')).toHaveText('did not finish');
    await page.screenshot({ path: path.join(SHOTS, 'demo-viewer-long-names.png') });
    await page.context().close();
  });
});
