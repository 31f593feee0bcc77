/**
 * The Demo Viewer bundle in real headless Chromium. The test plays the extension host: it sends
 * the state and streamed events the real panel sends, and reads what the webview posts back.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect as retrying } from '@playwright/test';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../src/events/types';
import type { DemoViewerState, ViewedRun } from '../../src/protocol/demoViewer';
import { CopyCommand, ErrorNotification, EventNotification, ExportCommand, OpenRunCommand, ResetNotification, RunCommand, RunStatusNotification, StateNotification, StopCommand } from '../../src/protocol/demoViewer';
import { RecordedHost, Theme, WebviewHarness, sendToWebview, waitForPosted } from './support/webviewPage';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const XSS = '<img src=x onerror=window.__xss++>';
const SCRIPT_END = '</script><script>window.__xss++</script>';
const WF = 'wf-sample-1';
const T0 = Date.UTC(2026, 0, 5, 9, 30, 0);

let harness: WebviewHarness;

beforeAll(async () => {
  execFileSync('node', ['esbuild.mjs'], { cwd: ROOT, stdio: 'ignore' });
  mkdirSync(SHOTS, { recursive: true });
  harness = await WebviewHarness.start();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

// ── a sample run: planner → researcher → writer ────────────────────────────────────────────

function sampleRun(workflowId = WF, strings: Partial<Record<'prompt' | 'text' | 'result' | 'tool' | 'agentSuffix', string>> = {}): AgentifyEvent[] {
  let t = T0;
  const events: AgentifyEvent[] = [];
  const s = strings.text ?? '';
  const push = (event_type: AgentifyEvent['event_type'], payload: AgentifyEvent['payload'], agent_name?: string, step = 37) => {
    t += step;
    events.push({ workflow_id: workflowId, timestamp: t, event_type, ...(agent_name ? { agent_name } : {}), payload: { trace_id: 'trace-1', ...payload } });
  };
  const a = (name: string) => `${name}${strings.agentSuffix ?? ''}`;
  push('workflow_start', { span_id: 'wf', input: strings.prompt ?? 'Compare three open-source vector databases' });
  push('graph_structure', {
    nodes: [{ id: a('planner'), kind: 'agent' }, { id: a('researcher'), kind: 'agent' }, { id: a('writer'), kind: 'agent' }],
    edges: [{ from: a('planner'), to: a('researcher') }, { from: a('researcher'), to: a('writer') }],
  });
  push('agent_start', { span_id: 'sp-planner', parent_span_id: 'wf', input: `plan ${s}` }, a('planner'));
  push('llm_call', { span_id: 'llm-1', parent_span_id: 'sp-planner', status: 'completed', duration_ms: 420, 'gen_ai.request.model': 'claude-3-5-sonnet', 'gen_ai.system': 'aws.bedrock', 'gen_ai.usage.input_tokens': 812, 'gen_ai.usage.output_tokens': 164 }, a('planner'), 450);
  push('log', { level: 'info', message: `Planned 3 steps ${s}` }, a('planner'));
  push('agent_end', { span_id: 'sp-planner', status: 'completed', output: { steps: ['search', 'compare', 'write'] } }, a('planner'));
  push('agent_start', { span_id: 'sp-researcher', parent_span_id: 'sp-planner', input: 'research' }, a('researcher'));
  push('tool_call', { span_id: 'tool-1', parent_span_id: 'sp-researcher', status: 'started', 'gen_ai.tool.name': strings.tool ?? 'web_search', input: { query: `vector databases ${s}` } }, a('researcher'));
  push('tool_call', { span_id: 'tool-1', status: 'completed', 'gen_ai.tool.name': strings.tool ?? 'web_search', duration_ms: 812, output: { hits: ['Milvus', 'Qdrant', 'Weaviate'], note: s } }, a('researcher'), 812);
  push('tool_call', { span_id: 'tool-2', parent_span_id: 'sp-researcher', status: 'started', 'gen_ai.tool.name': 'fetch_page', input: { url: 'https://qdrant.tech' } }, a('researcher'));
  push('tool_call', { span_id: 'tool-2', status: 'failed', 'gen_ai.tool.name': 'fetch_page', error: { type: 'TimeoutError', message: `timed out ${s}`, traceback: 'Traceback (most recent call last):\n  File "tools.py", line 12\nTimeoutError' } }, a('researcher'), 300);
  push('agent_stream', { chunk: `Qdrant is written in Rust ${s}` }, a('researcher'));
  push('agent_end', { span_id: 'sp-researcher', status: 'completed' }, a('researcher'));
  push('agent_start', { span_id: 'sp-writer', parent_span_id: 'sp-researcher' }, a('writer'));
  push('llm_call', { span_id: 'llm-2', parent_span_id: 'sp-writer', status: 'completed', duration_ms: 900, 'gen_ai.request.model': 'claude-3-5-sonnet', 'gen_ai.usage.input_tokens': 2048, 'gen_ai.usage.output_tokens': 512 }, a('writer'), 950);
  push('agent_end', { span_id: 'sp-writer', status: 'completed' }, a('writer'));
  push('workflow_complete', {
    span_id: 'wf',
    status: 'completed',
    result: strings.result ?? '# Vector databases\n\n| Name | Language |\n|---|---|\n| Qdrant | Rust |\n| Milvus | Go |\n\n**Qdrant** suits a *small team*. See [the docs](https://qdrant.tech/documentation).\n\n```python\nclient.search(collection, vector)\n```',
  });
  return events;
}

const runOf = (events: AgentifyEvent[], status: ViewedRun['status'] = 'completed', prompt = 'Compare three open-source vector databases'): ViewedRun => ({
  workflowId: events[0]?.workflow_id ?? WF,
  prompt,
  startedAt: events[0]?.timestamp ?? T0,
  endedAt: events.at(-1)?.timestamp,
  status,
  source: 'live',
});

const state = (events: AgentifyEvent[], run: ViewedRun | null = runOf(events), history: DemoViewerState['history'] = []): DemoViewerState => ({ run, events, history });
const notify = (page: Page, method: string, params: unknown) => sendToWebview(page, { kind: 'notification', method, params });

async function openViewer(options: { theme?: Theme; initialState?: unknown; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const page = await harness.open({ bundle: 'demo-viewer', ...options });
  page.setDefaultTimeout(8_000);
  await waitForPosted(page, 'ready');
  return page;
}

async function showRun(page: Page, s: DemoViewerState): Promise<void> {
  await notify(page, StateNotification.method, s);
  await page.waitForFunction((n) => document.querySelector('.timeline-count')?.textContent === `${n} events`, s.events.length);
}

const posted = (page: Page) => page.evaluate(() => (window as unknown as { __host: RecordedHost }).__host.posted as { kind: string; method: string; params?: unknown }[]);
const attrs = (page: Page, selector: string, name: string) => page.$$eval(selector, (els, n) => els.map((e) => e.getAttribute(n) ?? ''), name);

describe('Demo Viewer webview', () => {
  it('says ready first, then renders the state the host sends', async () => {
    const page = await openViewer();
    const first = (await posted(page))[0];
    expect(first).toMatchObject({ kind: 'command', method: 'ready' });
    await showRun(page, state(sampleRun()));
    expect(await page.textContent('[data-testid="run-status"]')).toContain('Completed');
    expect(await attrs(page, '[data-testid="graph-node"]', 'data-agent')).toEqual(['planner', 'researcher', 'writer']);
    expect(await attrs(page, '[data-testid="tool-call"]', 'data-tool')).toEqual(['web_search', 'fetch_page']);
    expect(await attrs(page, '[data-testid="timeline-row"]', 'data-event-type')).toEqual(expect.arrayContaining(['workflow_start', 'agent_start', 'tool_call', 'llm_call', 'workflow_complete']));
    const outcome = await page.locator('[data-testid="outcome"]');
    expect(await outcome.locator('h1').textContent()).toBe('Vector databases');
    expect(await outcome.locator('table td').first().textContent()).toBe('Qdrant');
    expect(await outcome.locator('a').getAttribute('href')).toBe('https://qdrant.tech/documentation');
    expect(await outcome.locator('a').getAttribute('rel')).toContain('noopener');
    expect(await outcome.locator('pre code').textContent()).toContain('client.search');
    await page.context().close();
  });

  it('streams events live (each once, as the host guarantees): appends, inserts late ones in place, highlights the working agent and ends with the outcome', async () => {
    const page = await openViewer();
    const events = sampleRun();
    await notify(page, StateNotification.method, state([], null));
    await notify(page, ResetNotification.method, { run: runOf([], 'running') });
    await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent?.includes('Running'));
    // Everything up to the researcher's first tool call, with the second event arriving late.
    const early = events.slice(0, 8);
    const order = [early[0], ...early.slice(2), early[1]];
    for (const [i, e] of order.entries()) await notify(page, EventNotification.method, { event: e, source: 'stdout', index: i, late: e === early[1] });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-row"]').length === 8);
    expect((await attrs(page, '[data-testid="timeline-row"]', 'data-event-type')).slice(0, 3)).toEqual(['workflow_start', 'graph_structure', 'agent_start']);
    expect(await attrs(page, '.graph-node.active', 'data-agent')).toEqual(['researcher']);
    // The tool-call list redraws a little after the timeline while a run streams.
    await retrying(page.locator('[data-testid="tool-call"][data-tool="web_search"]')).toContainText('running');
    for (const e of events.slice(8)) await notify(page, EventNotification.method, { event: e, source: 'stdout', index: 0, late: false });
    await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent?.includes('Completed'));
    expect(await page.locator('[data-testid="timeline-row"]').count()).toBe(events.length);
    expect(await page.locator('.graph-node.active').count()).toBe(0);
    expect(await page.textContent('[data-testid="outcome"]')).toContain('Vector databases');
    await notify(page, RunStatusNotification.method, { workflowId: WF, status: 'completed', endedAt: events.at(-1)!.timestamp });
    await page.context().close();
  });

  it('shows a failed run with its error type, message and traceback, and a stopped run as Stopped', async () => {
    const page = await openViewer();
    const events = sampleRun().slice(0, -1);
    events.push({ workflow_id: WF, timestamp: T0 + 99_000, event_type: 'workflow_error', payload: { error: { type: 'ValueError', message: 'no sources found', traceback: 'Traceback (most recent call last):\n  File "main.py", line 3\nValueError: no sources found' } } });
    await showRun(page, state(events, runOf(events, 'running')));
    expect(await page.textContent('[data-testid="run-status"]')).toContain('Failed');
    const outcome = await page.textContent('[data-testid="outcome"]');
    expect(outcome).toContain('ValueError');
    expect(outcome).toContain('no sources found');
    expect(outcome).toContain('line 3');
    await notify(page, ResetNotification.method, { run: runOf([], 'running') });
    await notify(page, RunStatusNotification.method, { workflowId: WF, status: 'stopped', endedAt: T0 + 5 });
    await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent?.includes('Stopped'));
    await page.context().close();
  });

  it('sends run, stop, copy, export and open-run commands from the controls, keyboard included', async () => {
    const page = await openViewer();
    const events = sampleRun();
    await showRun(page, state(events, runOf(events), [{ workflowId: 'wf-old', prompt: 'an older run', startedAt: T0 - 86_400_000, endedAt: T0 - 86_300_000, status: 'completed', eventCount: 12 }]));
    await page.fill('[data-testid="prompt-input"]', 'What is new in Qdrant?');
    await page.focus('[data-testid="run-button"]');
    await page.keyboard.press('Enter');
    await notify(page, ResetNotification.method, { run: { ...runOf([], 'running'), workflowId: 'wf-2' } });
    await page.waitForFunction(() => !(document.querySelector('[data-testid="stop-button"]') as HTMLButtonElement).disabled);
    await page.focus('[data-testid="stop-button"]');
    await page.keyboard.press('Space');
    await notify(page, StateNotification.method, state(events, runOf(events), [{ workflowId: 'wf-old', prompt: 'an older run', startedAt: T0 - 86_400_000, status: 'completed', eventCount: 12 }]));
    await page.waitForFunction(() => document.querySelector('[data-testid="outcome"] h1') !== null);
    await page.click('[data-testid="outcome"] button');
    await page.click('button[title="Export this run as OpenTelemetry traces (OTLP/JSON)"]');
    await page.click('.history-item');
    const sent = (await posted(page)).filter((m) => m.method !== 'ready');
    expect(sent).toEqual([
      { kind: 'command', method: RunCommand.method, params: { prompt: 'What is new in Qdrant?' } },
      { kind: 'command', method: StopCommand.method },
      { kind: 'command', method: CopyCommand.method, params: { text: expect.stringContaining('# Vector databases') } },
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
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-row"]').length === 4);
    expect(new Set(await types())).toEqual(new Set(['tool_call']));
    await page.selectOption('select[aria-label="Filter by event type"]', '');
    await page.click('[data-testid="graph-node"][data-agent="writer"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-row"]').length === 3);
    expect(await types()).toEqual(['agent_start', 'llm_call', 'agent_end']);
    expect(await attrs(page, '.graph-node.selected', 'data-agent')).toEqual(['writer']);
    await page.focus('[data-testid="graph-node"][data-agent="writer"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="timeline-row"]').length === n, events.length);
    await page.fill('input[aria-label="Search events"]', 'WRITTEN in rust');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-row"]').length === 1);
    expect(await types()).toEqual(['agent_stream']);
    const saved = await page.evaluate(() => (window as unknown as { __host: RecordedHost }).__host.state as { filters: unknown });
    expect(saved.filters).toEqual({ eventType: '', agent: '', text: 'WRITTEN in rust' });
    await page.context().close();
  });

  it('keeps 10,000 events to a window of rows, shows later ones on scroll, and moves with the arrow keys', async () => {
    const page = await openViewer();
    const events: AgentifyEvent[] = Array.from({ length: 10_000 }, (_, i) => ({ workflow_id: WF, timestamp: T0 + i, event_type: 'log', agent_name: 'researcher', payload: { message: `line ${i}` } }));
    await showRun(page, state(events, runOf(events, 'running')));
    const rows = await page.locator('[data-testid="timeline-row"]').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(100);
    await page.$eval('[data-testid="timeline"]', (el) => (el.scrollTop = 24 * 5000));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="timeline-row"]')].some((r) => r.textContent?.includes('line 5005')));
    await page.focus('[data-testid="timeline"]');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.textContent('.timeline-row.active')).toContain('line 2');
    await page.keyboard.press('Enter');
    expect(await page.textContent('.event-detail')).toContain('"line 2"');
    await page.keyboard.press('End');
    expect(await page.textContent('.timeline-row.active')).toContain('line 9999');
    await page.context().close();
  });

  it('draws the first 100 spans and tool calls of a long run, and the next 100 on "Show more"', async () => {
    const page = await openViewer();
    const events: AgentifyEvent[] = [{ workflow_id: WF, timestamp: T0, event_type: 'workflow_start', payload: { span_id: 'wf' } }];
    for (let i = 0; i < 250; i++) {
      events.push({ workflow_id: WF, timestamp: T0 + 1 + i, event_type: 'tool_call', agent_name: 'researcher', payload: { span_id: `t${i}`, parent_span_id: 'wf', status: 'completed', duration_ms: 1, 'gen_ai.tool.name': `tool_${i}` } });
    }
    await showRun(page, state(events));
    const cards = page.locator('[data-testid="tool-call"]');
    expect(await cards.count()).toBe(100);
    expect(await page.textContent('.tool-calls .more')).toContain('150 more tool calls');
    await page.getByTestId('more-tool-calls').press('Enter');
    expect(await cards.count()).toBe(200);
    await page.getByTestId('more-tool-calls').click();
    expect(await cards.count()).toBe(250);
    expect(await page.locator('.tool-calls .more').count()).toBe(0);
    expect(await page.locator('.span-tree .span-row').count()).toBe(100);
    expect(await page.textContent('.span-tree .more')).toContain('151 more spans');
    await page.getByTestId('more-spans').click();
    expect(await page.locator('.span-tree .span-row').count()).toBe(200);
    // Another run starts again from the first page.
    const other = events.map((e) => ({ ...e, workflow_id: 'wf-other' }));
    await showRun(page, state(other, runOf(other, 'completed', 'again')));
    expect(await cards.count()).toBe(100);
    await page.context().close();
  });

  it('renders hostile strings in every field as text: no script runs, no element is injected', async () => {
    const page = await openViewer();
    const hostile = `${XSS} ${SCRIPT_END} [click](javascript:window.__xss++) ${'x'.repeat(20_000)}`;
    const events = sampleRun(WF, { text: hostile, tool: XSS, agentSuffix: SCRIPT_END, result: `# ${XSS}\n\n[click me](javascript:window.__xss++) <script>window.__xss++</script>\n\n![x](javascript:window.__xss++)\n\n${SCRIPT_END}` });
    events.push({ workflow_id: WF, timestamp: T0 + 100_000, event_type: 'log', agent_name: XSS, payload: { message: hostile, [XSS]: hostile, level: 'info' } });
    // Prompts are bounded by the protocol (a longer one is refused as a whole), so it gets the longest allowed line.
    const prompt = `${XSS} ${SCRIPT_END} ${'y'.repeat(9_000)}`;
    await showRun(page, state(events, runOf(events, 'completed', prompt), [{ workflowId: WF, prompt, startedAt: T0, status: 'completed', eventCount: 1 }]));
    await notify(page, ErrorNotification.method, { code: 'TableNotFound', message: `${XSS} ${SCRIPT_END} ${'z'.repeat(5_000)}`, hint: SCRIPT_END });
    await page.waitForSelector('[data-testid="error-banner"]');
    // Open every tool call and the hostile log row, so their JSON trees render too.
    await page.$$eval('details', (all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await page.waitForFunction(() => document.querySelectorAll('.tool-body').length === document.querySelectorAll('[data-testid="tool-call"]').length);
    await page.focus('[data-testid="timeline"]');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.$$eval('.event-detail details', (all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
    expect(await page.locator('#app img, #app script, #app iframe').count()).toBe(0);
    expect(await page.locator('#app [onerror]').count()).toBe(0);
    const hrefs = await page.$$eval('#app a', (as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.every((h) => h === null || /^https?:/.test(h))).toBe(true);
    expect(await page.textContent('[data-testid="error-banner"]')).toContain(XSS);
    expect(await page.textContent('[data-testid="outcome"]')).toContain(XSS);
    expect(await attrs(page, '[data-testid="tool-call"]', 'data-tool')).toContain(XSS);
    expect(await attrs(page, '[data-testid="graph-node"]', 'data-agent')).toContain(`planner${SCRIPT_END}`);
    // Long lines stay inside the page instead of widening it.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'demo-viewer-hostile.png'), fullPage: true });
    await page.context().close();
  });

  it('rejects unknown and ill-typed messages without changing what is shown', async () => {
    const page = await openViewer();
    const events = sampleRun();
    await showRun(page, state(events));
    const rows = await page.locator('[data-testid="timeline-row"]').count();
    // The bridge reports each message it refuses on the console.
    let refused = 0;
    page.on('console', (m) => m.type() === 'warning' && m.text().includes('ignored a message') && refused++);
    const bad = [
      { kind: 'notification', method: 'demoViewer/unknown', params: {} },
      { kind: 'notification', method: StateNotification.method, params: { run: null, events: 'nope', history: [] } },
      { kind: 'notification', method: EventNotification.method, params: { event: { workflow_id: WF, timestamp: 'soon', event_type: 'log', payload: {} }, source: 'stdout', index: 0, late: false } },
      { kind: 'notification', method: EventNotification.method, params: { event: { workflow_id: WF, timestamp: 1, event_type: 'exploit', payload: {} }, source: 'stdout', index: 0, late: false } },
      { kind: 'notification', method: ErrorNotification.method, params: { code: 'X', message: 'y'.repeat(50_000) } },
      { kind: 'notification', method: RunStatusNotification.method, params: { workflowId: WF, status: 'hacked' } },
      { kind: 'evil', method: ResetNotification.method },
      'a string',
    ];
    for (const m of bad) await sendToWebview(page, m);
    // A valid message sent last is handled after all of them.
    await notify(page, ErrorNotification.method, { code: 'Probe', message: 'valid message' });
    await page.waitForSelector('[data-testid="error-banner"]');
    await expect.poll(() => refused).toBe(bad.length);
    expect(await page.locator('[data-testid="timeline-row"]').count()).toBe(rows);
    expect(await page.locator('[data-testid="error-banner"]').count()).toBe(1);
    expect(await page.textContent('[data-testid="run-status"]')).toContain('Completed');
    await page.context().close();
  });

  it('restores filters, prompt and collapsed sections from getState and asks the host for the run it showed', async () => {
    const page = await openViewer({ initialState: { prompt: 'restored prompt', workflowId: 'wf-before-reload', filters: { eventType: 'tool_call', agent: '', text: '' }, collapsed: ['history'] } });
    expect(await page.inputValue('[data-testid="prompt-input"]')).toBe('restored prompt');
    expect(await page.inputValue('select[aria-label="Filter by event type"]')).toBe('tool_call');
    expect(await page.locator('.card.section-history.collapsed').count()).toBe(1);
    await notify(page, StateNotification.method, state([], null));
    const open = (await waitForPosted(page, OpenRunCommand.method)) as { params: unknown };
    expect(open.params).toEqual({ workflowId: 'wf-before-reload' });
    const events = sampleRun('wf-before-reload');
    await notify(page, StateNotification.method, state(events, { ...runOf(events), source: 'history' }));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-row"]').length === 4);
    expect(await page.textContent('[data-testid="run-status"]')).toContain('Completed');
    await page.context().close();
  });

  it('says when a past run has expired from the table, and shows the table-missing error with its hint', async () => {
    const page = await openViewer();
    await notify(page, StateNotification.method, state([], { ...runOf([], 'completed'), source: 'history', expired: true }));
    await page.waitForFunction(() => document.querySelector('.run-info')?.textContent?.includes('expired'));
    await notify(page, ErrorNotification.method, { code: 'TableNotFound', message: 'The table "agentify-workflow-events" does not exist in us-east-1.', hint: 'Deploy it with infrastructure/dynamodb-table.yaml.' });
    const banner = await page.textContent('[data-testid="error-banner"]');
    expect(banner).toContain('does not exist');
    expect(banner).toContain('Deploy it');
    await page.context().close();
  });

  it('takes a screenshot mid-run, with the working agent highlighted and a tool call still open', async () => {
    const page = await openViewer({ theme: 'dark', viewport: { width: 1400, height: 1000 } });
    const events = sampleRun().slice(0, 10);
    await showRun(page, state(events, runOf(events, 'running')));
    expect(await attrs(page, '.graph-node.active', 'data-agent')).toEqual(['researcher']);
    expect(await page.textContent('[data-testid="run-status"]')).toContain('Running');
    expect(await page.isDisabled('[data-testid="run-button"]')).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'demo-viewer-running-dark.png'), fullPage: true });
    await page.context().close();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`takes a screenshot of a full sample run in the ${theme} theme`, async () => {
      const page = await openViewer({ theme, viewport: { width: 1400, height: 1000 } });
      const events = sampleRun();
      await showRun(page, state(events, runOf(events), [{ workflowId: WF, prompt: 'Compare three open-source vector databases', startedAt: T0, endedAt: events.at(-1)!.timestamp, status: 'completed', eventCount: events.length }, { workflowId: 'wf-0', prompt: 'Summarise the release notes', startedAt: T0 - 3_600_000, endedAt: T0 - 3_590_000, status: 'failed', eventCount: 9 }]));
      await page.click('[data-testid="tool-call"][data-tool="fetch_page"] summary');
      await page.focus('[data-testid="timeline"]');
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.screenshot({ path: path.join(SHOTS, `demo-viewer-${theme}.png`), fullPage: true });
      expect(await page.locator('[data-testid="graph-node"]').count()).toBe(3);
      await page.context().close();
    });
  }
});
