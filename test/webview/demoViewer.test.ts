/**
 * The Demo Viewer bundle in real headless Chromium. The test plays the extension host: it sends
 * the state and streamed events the real panel sends, and reads what the webview posts back.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../src/events/types';
import type { DemoViewerState, ViewedRun } from '../../src/protocol/demoViewer';
import {
  CopyCommand,
  ErrorNotification,
  EventNotification,
  ExportCommand,
  OpenRunCommand,
  ResetNotification,
  RunCommand,
  RunStatusNotification,
  StateNotification,
  StopCommand,
} from '../../src/protocol/demoViewer';
import { attrsOf, pw } from '../support/retrying';
import { RecordedHost, Theme, WebviewHarness, sendToWebview, waitForPosted } from './support/webviewPage';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const XSS = '<img src=x onerror=window.__xss++>';
const SCRIPT_END = '</script><script>window.__xss++</script>';
const WF = 'wf-sample-1';
const T0 = Date.UTC(2026, 0, 5, 9, 30, 0);

let harness: WebviewHarness;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await WebviewHarness.start();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

// ── a sample run: planner → researcher → writer ────────────────────────────────────────────

function sampleRun(
  workflowId = WF,
  strings: Partial<Record<'prompt' | 'text' | 'result' | 'tool' | 'agentSuffix', string>> = {},
): AgentifyEvent[] {
  let t = T0;
  const events: AgentifyEvent[] = [];
  const s = strings.text ?? '';
  const push = (
    event_type: AgentifyEvent['event_type'],
    payload: AgentifyEvent['payload'],
    agent_name?: string,
    step = 37,
  ) => {
    t += step;
    events.push({
      workflow_id: workflowId,
      timestamp: t,
      event_type,
      ...(agent_name ? { agent_name } : {}),
      payload: { trace_id: 'trace-1', ...payload },
    });
  };
  const a = (name: string) => `${name}${strings.agentSuffix ?? ''}`;
  push('workflow_start', { span_id: 'wf', input: strings.prompt ?? 'Compare three open-source vector databases' });
  push('graph_structure', {
    nodes: [
      { id: a('planner'), kind: 'agent' },
      { id: a('researcher'), kind: 'agent' },
      { id: a('writer'), kind: 'agent' },
    ],
    edges: [
      { from: a('planner'), to: a('researcher') },
      { from: a('researcher'), to: a('writer') },
    ],
  });
  push('agent_start', { span_id: 'sp-planner', parent_span_id: 'wf', input: `plan ${s}` }, a('planner'));
  push(
    'llm_call',
    {
      span_id: 'llm-1',
      parent_span_id: 'sp-planner',
      status: 'completed',
      duration_ms: 420,
      'gen_ai.request.model': 'claude-3-5-sonnet',
      'gen_ai.system': 'aws.bedrock',
      'gen_ai.usage.input_tokens': 812,
      'gen_ai.usage.output_tokens': 164,
    },
    a('planner'),
    450,
  );
  push('log', { level: 'info', message: `Planned 3 steps ${s}` }, a('planner'));
  push(
    'agent_end',
    { span_id: 'sp-planner', status: 'completed', output: { steps: ['search', 'compare', 'write'] } },
    a('planner'),
  );
  push('agent_start', { span_id: 'sp-researcher', parent_span_id: 'sp-planner', input: 'research' }, a('researcher'));
  push(
    'tool_call',
    {
      span_id: 'tool-1',
      parent_span_id: 'sp-researcher',
      status: 'started',
      'gen_ai.tool.name': strings.tool ?? 'web_search',
      input: { query: `vector databases ${s}` },
    },
    a('researcher'),
  );
  push(
    'tool_call',
    {
      span_id: 'tool-1',
      status: 'completed',
      'gen_ai.tool.name': strings.tool ?? 'web_search',
      duration_ms: 812,
      output: { hits: ['Milvus', 'Qdrant', 'Weaviate'], note: s },
    },
    a('researcher'),
    812,
  );
  push(
    'tool_call',
    {
      span_id: 'tool-2',
      parent_span_id: 'sp-researcher',
      status: 'started',
      'gen_ai.tool.name': 'fetch_page',
      input: { url: 'https://qdrant.tech' },
    },
    a('researcher'),
  );
  push(
    'tool_call',
    {
      span_id: 'tool-2',
      status: 'failed',
      'gen_ai.tool.name': 'fetch_page',
      error: {
        type: 'TimeoutError',
        message: `timed out ${s}`,
        traceback: 'Traceback (most recent call last):\n  File "tools.py", line 12\nTimeoutError',
      },
    },
    a('researcher'),
    300,
  );
  push('agent_stream', { chunk: `Qdrant is written in Rust ${s}` }, a('researcher'));
  push('agent_end', { span_id: 'sp-researcher', status: 'completed' }, a('researcher'));
  push('agent_start', { span_id: 'sp-writer', parent_span_id: 'sp-researcher' }, a('writer'));
  push(
    'llm_call',
    {
      span_id: 'llm-2',
      parent_span_id: 'sp-writer',
      status: 'completed',
      duration_ms: 900,
      'gen_ai.request.model': 'claude-3-5-sonnet',
      'gen_ai.usage.input_tokens': 2048,
      'gen_ai.usage.output_tokens': 512,
    },
    a('writer'),
    950,
  );
  push('agent_end', { span_id: 'sp-writer', status: 'completed' }, a('writer'));
  push('workflow_complete', {
    span_id: 'wf',
    status: 'completed',
    result:
      strings.result ??
      [
        '# Vector databases',
        '',
        '| Name | Language |',
        '|---|---|',
        '| Qdrant | Rust |',
        '| Milvus | Go |',
        '',
        '**Qdrant** suits a *small team*. See [the docs](https://qdrant.tech/documentation).',
        '',
        '```python',
        'client.search(collection, vector)',
        '```',
      ].join('\n'),
  });
  return events;
}

const runOf = (
  events: AgentifyEvent[],
  status: ViewedRun['status'] = 'completed',
  prompt = 'Compare three open-source vector databases',
): ViewedRun => ({
  workflowId: events[0]?.workflow_id ?? WF,
  prompt,
  startedAt: events[0]?.timestamp ?? T0,
  endedAt: events.at(-1)?.timestamp,
  status,
  source: 'live',
});

const state = (
  events: AgentifyEvent[],
  run: ViewedRun | null = runOf(events),
  history: DemoViewerState['history'] = [],
): DemoViewerState => ({ run, events, history });
const notify = (page: Page, method: string, params: unknown) =>
  sendToWebview(page, { kind: 'notification', method, params });

async function openViewer(
  options: { theme?: Theme; initialState?: unknown; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const page = await harness.open({ bundle: 'demo-viewer', ...options });
  await waitForPosted(page, 'ready');
  return page;
}

/** Sends a state and waits until the viewer shows it: its run's id and its number of events. */
async function showRun(page: Page, s: DemoViewerState): Promise<void> {
  await notify(page, StateNotification.method, s);
  if (s.run) await pw(page.locator('.run-info .run-id code')).toHaveText(s.run.workflowId);
  await pw(page.locator('.timeline-count')).toHaveText(`${s.events.length} events`);
}

const posted = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __host: RecordedHost }).__host.posted as {
        kind: string;
        method: string;
        params?: unknown;
      }[],
  );
const attrs = (page: Page, selector: string, name: string) => attrsOf(page.locator(selector), name);
const rows = (page: Page) => page.getByTestId('timeline-row');

describe('Demo Viewer webview', () => {
  it('says ready first, then renders the state the host sends', async () => {
    const page = await openViewer();
    const first = (await posted(page))[0];
    expect(first).toMatchObject({ kind: 'command', method: 'ready' });
    await showRun(page, state(sampleRun()));
    await pw(page.getByTestId('run-status')).toContainText('Completed');
    await pw
      .poll(() => attrs(page, '[data-testid="graph-node"]', 'data-agent'))
      .toEqual(['planner', 'researcher', 'writer']);
    await pw.poll(() => attrs(page, '[data-testid="tool-call"]', 'data-tool')).toEqual(['web_search', 'fetch_page']);
    const shownTypes = ['workflow_start', 'agent_start', 'tool_call', 'llm_call', 'workflow_complete'];
    await pw
      .poll(() => attrs(page, '[data-testid="timeline-row"]', 'data-event-type'))
      .toEqual(pw.arrayContaining(shownTypes));
    const outcome = page.getByTestId('outcome');
    await pw(outcome.locator('h1')).toHaveText('Vector databases');
    await pw(outcome.locator('table td').first()).toHaveText('Qdrant');
    await pw(outcome.locator('a')).toHaveAttribute('href', 'https://qdrant.tech/documentation');
    await pw(outcome.locator('a')).toHaveAttribute('rel', /noopener/);
    await pw(outcome.locator('pre code')).toContainText('client.search');
    await page.context().close();
  });

  it('streams events live: appends, places late ones, marks the working agent, ends with the outcome', async () => {
    const page = await openViewer();
    const events = sampleRun();
    await notify(page, StateNotification.method, state([], null));
    await notify(page, ResetNotification.method, { run: runOf([], 'running') });
    await pw(page.getByTestId('run-status')).toContainText('Running');
    // Everything up to the researcher's first tool call, with the second event arriving late.
    const early = events.slice(0, 8);
    const order = [early[0], ...early.slice(2), early[1]];
    for (const [i, e] of order.entries())
      await notify(page, EventNotification.method, { event: e, source: 'stdout', index: i, late: e === early[1] });
    await pw(rows(page)).toHaveCount(8);
    const firstThree = async () => (await attrs(page, '[data-testid="timeline-row"]', 'data-event-type')).slice(0, 3);
    await pw.poll(firstThree).toEqual(['workflow_start', 'graph_structure', 'agent_start']);
    await pw.poll(() => attrs(page, '.graph-node.active', 'data-agent')).toEqual(['researcher']);
    await pw(page.locator('[data-testid="tool-call"][data-tool="web_search"]')).toContainText('running');
    for (const e of events.slice(8))
      await notify(page, EventNotification.method, { event: e, source: 'stdout', index: 0, late: false });
    await pw(page.getByTestId('run-status')).toContainText('Completed');
    await pw(page.locator('.timeline-count')).toHaveText(`${events.length} events`);
    await pw(rows(page)).toHaveCount(events.length);
    await pw(page.locator('.graph-node.active')).toHaveCount(0);
    await pw(page.getByTestId('outcome')).toContainText('Vector databases');
    await page.context().close();
  });

  it('shows a failed run with its error type, message and traceback, and a stopped run as Stopped', async () => {
    const page = await openViewer();
    const events = sampleRun().slice(0, -1);
    const traceback = 'Traceback (most recent call last):\n  File "main.py", line 3\nValueError: no sources found';
    events.push({
      workflow_id: WF,
      timestamp: T0 + 99_000,
      event_type: 'workflow_error',
      payload: { error: { type: 'ValueError', message: 'no sources found', traceback } },
    });
    await showRun(page, state(events, runOf(events, 'running')));
    await pw(page.getByTestId('run-status')).toContainText('Failed');
    const outcome = page.getByTestId('outcome');
    await pw(outcome).toContainText('ValueError');
    await pw(outcome).toContainText('no sources found');
    await pw(outcome).toContainText('line 3');
    await notify(page, ResetNotification.method, { run: runOf([], 'running') });
    await notify(page, RunStatusNotification.method, { workflowId: WF, status: 'stopped', endedAt: T0 + 5 });
    await pw(page.getByTestId('run-status')).toContainText('Stopped');
    await page.context().close();
  });

  it('sends run, stop, copy, export and open-run commands from the controls, keyboard included', async () => {
    const page = await openViewer();
    const events = sampleRun();
    const older = {
      workflowId: 'wf-old',
      prompt: 'an older run',
      startedAt: T0 - 86_400_000,
      status: 'completed' as const,
      eventCount: 12,
    };
    await showRun(page, state(events, runOf(events), [{ ...older, endedAt: T0 - 86_300_000 }]));
    await page.fill('[data-testid="prompt-input"]', 'What is new in Qdrant?');
    await page.focus('[data-testid="run-button"]');
    await page.keyboard.press('Enter');
    await notify(page, ResetNotification.method, { run: { ...runOf([], 'running'), workflowId: 'wf-2' } });
    await pw(page.getByTestId('stop-button')).toBeEnabled();
    await page.focus('[data-testid="stop-button"]');
    await page.keyboard.press('Space');
    await notify(page, StateNotification.method, state(events, runOf(events), [older]));
    await pw(page.locator('[data-testid="outcome"] h1')).toBeVisible();
    await page.click('[data-testid="outcome"] button');
    await page.click('button[title="Export this run as OpenTelemetry traces (OTLP/JSON)"]');
    await page.click('.history-item');
    // The agent registry lookups the viewer sends by itself are not controls.
    const sent = async () =>
      (await posted(page)).filter((m) => m.method !== 'ready' && m.method !== 'demoViewer/watchAgents');
    await pw.poll(sent).toEqual([
      { kind: 'command', method: RunCommand.method, params: { prompt: 'What is new in Qdrant?' } },
      { kind: 'command', method: StopCommand.method },
      { kind: 'command', method: CopyCommand.method, params: { text: pw.stringContaining('# Vector databases') } },
      { kind: 'command', method: ExportCommand.method, params: { format: 'otel' } },
      { kind: 'command', method: OpenRunCommand.method, params: { workflowId: 'wf-old' } },
    ]);
    await page.context().close();
  });

  it('filters the timeline by type, by agent (graph click or Enter on a node) and by text', async () => {
    const page = await openViewer();
    const events = sampleRun();
    await showRun(page, state(events));
    const types = () => attrs(page, '[data-testid="timeline-row"]', 'data-event-type');
    await page.selectOption('select[aria-label="Filter by event type"]', 'tool_call');
    await pw(rows(page)).toHaveCount(4);
    await pw.poll(async () => [...new Set(await types())]).toEqual(['tool_call']);
    await page.selectOption('select[aria-label="Filter by event type"]', '');
    await pw(rows(page)).toHaveCount(events.length);
    await page.click('[data-testid="graph-node"][data-agent="writer"]');
    await pw.poll(types).toEqual(['agent_start', 'llm_call', 'agent_end']);
    await pw.poll(() => attrs(page, '.graph-node.selected', 'data-agent')).toEqual(['writer']);
    await page.focus('[data-testid="graph-node"][data-agent="writer"]');
    await page.keyboard.press('Enter');
    await pw(rows(page)).toHaveCount(events.length);
    await pw(page.locator('.graph-node.selected')).toHaveCount(0);
    await page.fill('input[aria-label="Search events"]', 'WRITTEN in rust');
    await pw.poll(types).toEqual(['agent_stream']);
    const saved = () =>
      page.evaluate(
        () => ((window as unknown as { __host: RecordedHost }).__host.state as { filters: unknown }).filters,
      );
    await pw.poll(saved).toEqual({ eventType: '', agent: '', text: 'WRITTEN in rust' });
    await page.context().close();
  });

  it('keeps 10,000 events to a window of rows, shows later ones on scroll, and moves with the arrow keys', async () => {
    const page = await openViewer();
    const events: AgentifyEvent[] = Array.from({ length: 10_000 }, (_, i) => ({
      workflow_id: WF,
      timestamp: T0 + i,
      event_type: 'log',
      agent_name: 'researcher',
      payload: { message: `line ${i}` },
    }));
    await showRun(page, state(events, runOf(events, 'running')));
    await pw(rows(page).first()).toBeVisible();
    await pw.poll(() => rows(page).count()).toBeGreaterThan(5);
    await pw.poll(() => rows(page).count()).toBeLessThan(100);
    await page.$eval('[data-testid="timeline"]', (el) => (el.scrollTop = 24 * 5000));
    await pw(rows(page).filter({ hasText: /line 5005(?!\d)/ })).toHaveCount(1);
    await page.focus('[data-testid="timeline"]');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const active = page.locator('.timeline-row.active');
    await pw(active).toContainText(/line 2(?!\d)/);
    await page.keyboard.press('Enter');
    await pw(page.locator('.event-detail')).toContainText('"line 2"');
    await page.keyboard.press('End');
    await pw(active).toContainText('line 9999');
    await page.context().close();
  });

  it('draws the first 100 spans and tool calls of a long run, and the next 100 on "Show more"', async () => {
    const page = await openViewer();
    const events: AgentifyEvent[] = [
      { workflow_id: WF, timestamp: T0, event_type: 'workflow_start', payload: { span_id: 'wf' } },
    ];
    for (let i = 0; i < 250; i++) {
      const payload = {
        span_id: `t${i}`,
        parent_span_id: 'wf',
        status: 'completed',
        duration_ms: 1,
        'gen_ai.tool.name': `tool_${i}`,
      };
      events.push({
        workflow_id: WF,
        timestamp: T0 + 1 + i,
        event_type: 'tool_call',
        agent_name: 'researcher',
        payload,
      });
    }
    await showRun(page, state(events));
    const cards = page.getByTestId('tool-call');
    const spanRows = page.locator('.span-tree .span-row');
    await pw(cards).toHaveCount(100);
    await pw(page.locator('.tool-calls .more')).toContainText('150 more tool calls');
    await page.getByTestId('more-tool-calls').press('Enter');
    await pw(cards).toHaveCount(200);
    await pw(page.locator('.tool-calls .more')).toContainText('50 more tool calls');
    await page.getByTestId('more-tool-calls').click();
    await pw(cards).toHaveCount(250);
    await pw(page.locator('.tool-calls .more')).toHaveCount(0);
    await pw(spanRows).toHaveCount(100);
    await pw(page.locator('.span-tree .more')).toContainText('151 more spans');
    await page.getByTestId('more-spans').click();
    await pw(spanRows).toHaveCount(200);
    // Another run starts again from the first page.
    const other = events.map((e) => ({ ...e, workflow_id: 'wf-other' }));
    await showRun(page, state(other, runOf(other, 'completed', 'again')));
    await pw(page.locator('.run-info')).toContainText('wf-other');
    await pw(cards).toHaveCount(100);
    await pw(spanRows).toHaveCount(100);
    await page.context().close();
  });

  it('renders hostile strings in every field as text: no script runs, no element is injected', async () => {
    const page = await openViewer();
    const hostile = `${XSS} ${SCRIPT_END} [click](javascript:window.__xss++) ${'x'.repeat(20_000)}`;
    const result =
      `# ${XSS}\n\n[click me](javascript:window.__xss++) <script>window.__xss++</script>\n\n` +
      `![x](javascript:window.__xss++)\n\n${SCRIPT_END}`;
    const events = sampleRun(WF, { text: hostile, tool: XSS, agentSuffix: SCRIPT_END, result });
    events.push({
      workflow_id: WF,
      timestamp: T0 + 100_000,
      event_type: 'log',
      agent_name: XSS,
      payload: { message: hostile, [XSS]: hostile, level: 'info' },
    });
    // Prompts are bounded by the protocol (a longer one is refused as a whole), so it gets the longest allowed line.
    const prompt = `${XSS} ${SCRIPT_END} ${'y'.repeat(9_000)}`;
    await showRun(
      page,
      state(events, runOf(events, 'completed', prompt), [
        { workflowId: WF, prompt, startedAt: T0, status: 'completed', eventCount: 1 },
      ]),
    );
    await notify(page, ErrorNotification.method, {
      code: 'TableNotFound',
      message: `${XSS} ${SCRIPT_END} ${'z'.repeat(5_000)}`,
      hint: SCRIPT_END,
    });
    await pw(page.getByTestId('error-banner')).toContainText(XSS);
    // Open every tool call and the hostile log row, so their JSON trees render too.
    await pw(page.getByTestId('tool-call')).toHaveCount(2);
    await page.$$eval('details', (all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await pw(page.locator('.tool-body')).toHaveCount(2);
    await page.focus('[data-testid="timeline"]');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    // The last row is the hostile log, whose detail tree carries the hostile key.
    await pw(page.locator('.event-detail')).toContainText(`${XSS}:`);
    await page.$$eval('.event-detail details', (all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await pw(page.locator('.event-detail .json-children').first()).toBeAttached();
    await pw.poll(() => page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    await pw(page.locator('#app img, #app script, #app iframe')).toHaveCount(0);
    await pw(page.locator('#app [onerror]')).toHaveCount(0);
    const hrefs = () => attrsOf(page.locator('#app a[href]'), 'href');
    await pw.poll(async () => (await hrefs()).filter((h) => !/^https?:/.test(h))).toEqual([]);
    await pw(page.getByTestId('outcome')).toContainText(XSS);
    await pw.poll(() => attrs(page, '[data-testid="tool-call"]', 'data-tool')).toContain(XSS);
    await pw.poll(() => attrs(page, '[data-testid="graph-node"]', 'data-agent')).toContain(`planner${SCRIPT_END}`);
    // Long lines stay inside the page instead of widening it.
    await pw.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'demo-viewer-hostile.png'), fullPage: true });
    await page.context().close();
  });

  it('rejects unknown and ill-typed messages without changing what is shown', async () => {
    const page = await openViewer();
    const events = sampleRun();
    await showRun(page, state(events));
    await pw(rows(page)).toHaveCount(events.length);
    // The bridge reports each message it refuses on the console.
    let refused = 0;
    page.on('console', (m) => m.type() === 'warning' && m.text().includes('ignored a message') && refused++);
    const badEvent = (event: unknown) => ({
      kind: 'notification',
      method: EventNotification.method,
      params: { event, source: 'stdout', index: 0, late: false },
    });
    const bad = [
      { kind: 'notification', method: 'demoViewer/unknown', params: {} },
      { kind: 'notification', method: StateNotification.method, params: { run: null, events: 'nope', history: [] } },
      badEvent({ workflow_id: WF, timestamp: 'soon', event_type: 'log', payload: {} }),
      badEvent({ workflow_id: WF, timestamp: 1, event_type: 'exploit', payload: {} }),
      { kind: 'notification', method: ErrorNotification.method, params: { code: 'X', message: 'y'.repeat(50_000) } },
      { kind: 'notification', method: RunStatusNotification.method, params: { workflowId: WF, status: 'hacked' } },
      { kind: 'evil', method: ResetNotification.method },
      'a string',
    ];
    for (const m of bad) await sendToWebview(page, m);
    // A valid message sent last is handled after all of them.
    await notify(page, ErrorNotification.method, { code: 'Probe', message: 'valid message' });
    await pw(page.getByTestId('error-banner')).toContainText('valid message');
    await pw.poll(() => refused).toBe(bad.length);
    await pw(rows(page)).toHaveCount(events.length);
    await pw(page.getByTestId('error-banner')).toHaveCount(1);
    await pw(page.getByTestId('run-status')).toContainText('Completed');
    await page.context().close();
  });

  it('restores filters, prompt and collapsed sections from getState; asks the host for the run it showed', async () => {
    const filters = { eventType: 'tool_call', agent: '', text: '' };
    const page = await openViewer({
      initialState: { prompt: 'restored prompt', workflowId: 'wf-before-reload', filters, collapsed: ['history'] },
    });
    await pw(page.getByTestId('prompt-input')).toHaveValue('restored prompt');
    await pw(page.locator('select[aria-label="Filter by event type"]')).toHaveValue('tool_call');
    await pw(page.locator('.card.section-history.collapsed')).toHaveCount(1);
    await notify(page, StateNotification.method, state([], null));
    const open = (await waitForPosted(page, OpenRunCommand.method)) as { params: unknown };
    expect(open.params).toEqual({ workflowId: 'wf-before-reload' });
    const events = sampleRun('wf-before-reload');
    await notify(page, StateNotification.method, state(events, { ...runOf(events), source: 'history' }));
    await pw(rows(page)).toHaveCount(4);
    await pw(page.getByTestId('run-status')).toContainText('Completed');
    await page.context().close();
  });

  it('says when a past run has expired from the table, and shows the table-missing error with its hint', async () => {
    const page = await openViewer();
    await notify(
      page,
      StateNotification.method,
      state([], { ...runOf([], 'completed'), source: 'history', expired: true }),
    );
    await pw(page.locator('.run-info')).toContainText('expired');
    const message = 'The table "agentify-workflow-events" does not exist in us-east-1.';
    await notify(page, ErrorNotification.method, {
      code: 'TableNotFound',
      message,
      hint: 'Deploy it with infrastructure/dynamodb-table.yaml.',
    });
    const banner = page.getByTestId('error-banner');
    await pw(banner).toContainText('does not exist');
    await pw(banner).toContainText('Deploy it');
    await page.context().close();
  });

  it('takes a screenshot mid-run, with the working agent highlighted and a tool call still open', async () => {
    const page = await openViewer({ theme: 'dark', viewport: { width: 1400, height: 1000 } });
    const events = sampleRun().slice(0, 10);
    await showRun(page, state(events, runOf(events, 'running')));
    await pw.poll(() => attrs(page, '.graph-node.active', 'data-agent')).toEqual(['researcher']);
    await pw(page.getByTestId('run-status')).toContainText('Running');
    await pw(page.getByTestId('run-button')).toBeDisabled();
    await pw(page.locator('[data-testid="tool-call"][data-tool="fetch_page"]')).toContainText('running');
    await page.screenshot({ path: path.join(SHOTS, 'demo-viewer-running-dark.png'), fullPage: true });
    await page.context().close();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`takes a screenshot of a full sample run in the ${theme} theme`, async () => {
      const page = await openViewer({ theme, viewport: { width: 1400, height: 1000 } });
      const events = sampleRun();
      const end = events.at(-1)!.timestamp;
      const history = [
        {
          workflowId: WF,
          prompt: 'Compare three open-source vector databases',
          startedAt: T0,
          endedAt: end,
          status: 'completed' as const,
          eventCount: events.length,
        },
        {
          workflowId: 'wf-0',
          prompt: 'Summarise the release notes',
          startedAt: T0 - 3_600_000,
          endedAt: T0 - 3_590_000,
          status: 'failed' as const,
          eventCount: 9,
        },
      ];
      await showRun(page, state(events, runOf(events), history));
      await pw(page.getByTestId('graph-node')).toHaveCount(3);
      await page.click('[data-testid="tool-call"][data-tool="fetch_page"] summary');
      await pw(page.locator('[data-testid="tool-call"][data-tool="fetch_page"] .tool-body')).toContainText(
        'TimeoutError',
      );
      await page.focus('[data-testid="timeline"]');
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await pw(page.locator('.event-detail')).toContainText('agent_start');
      await page.screenshot({ path: path.join(SHOTS, `demo-viewer-${theme}.png`), fullPage: true });
      await page.context().close();
    });
  }
});
