/// <reference lib="dom" />
/**
 * Demo Viewer rendering figures on the built bundle (dist/webview/demo-viewer.js) in headless
 * Chromium: first render of 1,000 / 10,000 / 100,000 events, appending one event to a
 * 10,000-event view, scrolling 100,000 rows, and the JS heap after 100,000 events, next to a
 * baseline measured in the same run (10,000 plain divs), and 13 streamed events with 200 KB agent
 * names (hostile input). Prints figures; never fails on a time.
 *
 *   npm run build && npx tsx bench/viewer/render.ts
 */
import { Browser, Page, chromium } from 'playwright-core';
import { CHROMIUM_PATH, WebviewHarness, waitForPosted } from '../../test/webview/support/webviewPage';

/**
 * The stand-in for VS Code's webview API, as a string: tsx wraps functions it compiles with a
 * `__name` helper that does not exist in the page, so nothing compiled is injected before load.
 */
const STAND_IN = `
  window.__name = (f) => f;
  const host = { posted: [], state: null };
  window.__host = host;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => host.posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => host.state,
    setState: (s) => { host.state = s; },
  });
`;

const TARGETS = { firstRender10k: 200, append: 16 };
const REPEAT = 3;

/** Runs in the page: builds a sample run of `n` events (agents, tools, model calls, logs). */
function makeEventsInPage(n: number): unknown[] {
  const agents = ['planner', 'researcher', 'writer'];
  const events: unknown[] = [];
  const t0 = 1_767_605_400_000;
  events.push({
    workflow_id: 'wf-bench',
    timestamp: t0,
    event_type: 'workflow_start',
    payload: { span_id: 'wf', input: 'benchmark' },
  });
  for (let i = 1; i < n - 1; i++) {
    const agent = agents[Math.floor(i / 50) % 3];
    const k = i % 10;
    const ts = t0 + i;
    if (k === 0)
      events.push({
        workflow_id: 'wf-bench',
        timestamp: ts,
        event_type: 'agent_start',
        agent_name: agent,
        payload: { span_id: `a${i}`, parent_span_id: 'wf' },
      });
    else if (k === 3)
      events.push({
        workflow_id: 'wf-bench',
        timestamp: ts,
        event_type: 'tool_call',
        agent_name: agent,
        payload: {
          span_id: `t${i}`,
          parent_span_id: `a${i - 3}`,
          status: 'completed',
          duration_ms: 2,
          'gen_ai.tool.name': 'search',
          input: { q: `query ${i}` },
          output: { hits: [i, i + 1] },
        },
      });
    else if (k === 5)
      events.push({
        workflow_id: 'wf-bench',
        timestamp: ts,
        event_type: 'llm_call',
        agent_name: agent,
        payload: {
          span_id: `l${i}`,
          parent_span_id: `a${i - 5}`,
          status: 'completed',
          duration_ms: 3,
          'gen_ai.request.model': 'claude',
          'gen_ai.usage.input_tokens': 100,
          'gen_ai.usage.output_tokens': 20,
        },
      });
    else if (k === 9)
      events.push({
        workflow_id: 'wf-bench',
        timestamp: ts,
        event_type: 'agent_end',
        agent_name: agent,
        payload: { span_id: `a${i - 9}`, status: 'completed' },
      });
    else
      events.push({
        workflow_id: 'wf-bench',
        timestamp: ts,
        event_type: 'log',
        agent_name: agent,
        payload: { level: 'info', message: `step ${i} of the benchmark run with a line of ordinary length` },
      });
  }
  events.push({
    workflow_id: 'wf-bench',
    timestamp: t0 + n,
    event_type: 'workflow_complete',
    payload: { span_id: 'wf', result: '# Done\n\nThe benchmark run finished.' },
  });
  return events;
}

async function openViewer(harness: WebviewHarness, browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(STAND_IN);
  await page.goto(`${harness.baseUrl}/?bundle=demo-viewer&theme=dark`);
  await waitForPosted(page, 'ready');
  await page.evaluate(`window.__makeEvents = ${makeEventsInPage.toString()}`);
  return page;
}

interface RenderFigure {
  syncMs: number;
  toFrameMs: number;
  rows: number;
}

/** Delivers the state synchronously (as a message event) and times it to layout and to the next frame. */
async function firstRender(page: Page, n: number, status = 'completed'): Promise<RenderFigure> {
  return page.evaluate(
    async ({ n, status }) => {
      const events = (window as unknown as { __makeEvents(n: number): { timestamp: number }[] }).__makeEvents(n);
      const run = {
        workflowId: 'wf-bench',
        prompt: 'benchmark',
        startedAt: events[0].timestamp,
        status,
        source: 'live',
      };
      const data = { kind: 'notification', method: 'demoViewer/state', params: { run, events, history: [] } };
      const t0 = performance.now();
      window.dispatchEvent(new MessageEvent('message', { data }));
      void document.body.offsetHeight;
      const t1 = performance.now();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t2 = performance.now();
      return {
        syncMs: t1 - t0,
        toFrameMs: t2 - t0,
        rows: document.querySelectorAll('[data-testid="timeline-row"]').length,
      };
    },
    { n, status },
  );
}

async function baseline(page: Page): Promise<number> {
  return page.evaluate(() => {
    const box = document.createElement('div');
    document.body.append(box);
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const d = document.createElement('div');
      d.textContent = `plain row ${i}`;
      box.append(d);
    }
    void document.body.offsetHeight;
    const ms = performance.now() - t0;
    box.remove();
    return ms;
  });
}

/** Appends events one at a time to the view; each figure is the handler plus the frame's render work. */
async function appends(page: Page, count: number, kind: 'log' | 'tool_call', from: number): Promise<number[]> {
  return page.evaluate(
    async ({ count, kind, from }) => {
      const figures: number[] = [];
      for (let i = from; i < from + count; i++) {
        const payload =
          kind === 'log'
            ? { message: `appended ${i}` }
            : {
                span_id: `x${i}`,
                status: 'completed',
                duration_ms: 3,
                'gen_ai.tool.name': 'lookup',
                input: { i },
                output: { ok: true },
              };
        const event = {
          workflow_id: 'wf-bench',
          timestamp: 1_767_605_400_000 + 20_000 + i,
          event_type: kind,
          agent_name: 'writer',
          payload,
        };
        const data = {
          kind: 'notification',
          method: 'demoViewer/event',
          params: { event, source: 'stdout', index: 10_000 + i, late: false },
        };
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const t0 = performance.now();
        window.dispatchEvent(new MessageEvent('message', { data }));
        const handler = performance.now() - t0;
        // Our callback is queued after the viewer's, so it runs when the viewer has drawn the frame.
        const render = await new Promise<number>((r) =>
          requestAnimationFrame(() => {
            const s = performance.now();
            requestAnimationFrame(() => undefined);
            void document.body.offsetHeight;
            r(performance.now() - s);
          }),
        );
        figures.push(handler + render);
      }
      return figures;
    },
    { count, kind, from },
  );
}

/**
 * Streams 13 events whose agent names are 200 KB each (hostile input) into a running view and
 * times it until the last one is drawn; also reports the page width it leaves.
 */
async function hugeNames(page: Page): Promise<{ ms: number; scrollWidth: number; innerWidth: number }> {
  return page.evaluate(async () => {
    const send = (method: string, params: unknown) =>
      window.dispatchEvent(new MessageEvent('message', { data: { kind: 'notification', method, params } }));
    const t0 = 1_767_605_400_000;
    send('demoViewer/state', {
      run: { workflowId: 'wf-huge', prompt: 'huge', startedAt: t0, status: 'running', source: 'live' },
      events: [],
      history: [],
    });
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const start = performance.now();
    for (let i = 0; i < 13; i++) {
      const agent = `agent-${i % 6}-${'x'.repeat(200_000)}`;
      const event = {
        workflow_id: 'wf-huge',
        timestamp: t0 + i,
        event_type: i % 2 ? 'agent_end' : 'agent_start',
        agent_name: agent,
        payload: { span_id: `s${i >> 1}` },
      };
      send('demoViewer/event', { event, source: 'stdout', index: i, late: false });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    // The slower parts redraw on a timer while a run streams: wait for them too.
    await new Promise((r) => setTimeout(r, 300));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    void document.body.offsetHeight;
    return {
      ms: performance.now() - start - 300,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    };
  });
}

/** Jumps the timeline to random places and times each frame's work. */
async function scrolls(page: Page, count: number, scroll = true): Promise<number[]> {
  return page.evaluate(
    async ({ count, scroll }) => {
      const list = document.querySelector('[data-testid="timeline"]') as HTMLElement;
      const figures: number[] = [];
      let seed = 7;
      for (let i = 0; i < count; i++) {
        seed = (seed * 16807) % 2147483647;
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const t0 = performance.now();
        if (scroll) list.scrollTop = (seed / 2147483647) * list.scrollHeight;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        void document.body.offsetHeight;
        figures.push(performance.now() - t0);
      }
      return figures;
    },
    { count, scroll },
  );
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x: number) => `${x.toFixed(1).padStart(8)} ms`;

async function main(): Promise<void> {
  // The harness serves the bundle with the panel's CSP; the browser is our own (see STAND_IN).
  const harness = await WebviewHarness.start();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    // This machine may be busy: each figure is the median of REPEAT fresh pages, and the baseline
    // (plain divs) is measured the same way, so figures can be read against it.
    const bases: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const page0 = await openViewer(harness, browser);
      bases.push(await baseline(page0));
      await page0.context().close();
    }
    console.log(`Demo Viewer rendering (headless Chromium, built bundle; medians of ${REPEAT} runs)\n`);
    console.log(`baseline: 10,000 plain divs + layout            ${ms(median(bases))}`);

    for (const n of [1_000, 10_000, 100_000]) {
      const cold: RenderFigure[] = [];
      const warm: RenderFigure[] = [];
      for (let i = 0; i < REPEAT; i++) {
        const page = await openViewer(harness, browser);
        // The first render in a page is cold (JIT, first layout); a second one is reported too.
        cold.push(await firstRender(page, n));
        warm.push(await firstRender(page, n));
        await page.context().close();
      }
      const target = n === 10_000 ? `   (target < ${TARGETS.firstRender10k} ms)` : '';
      console.log(
        `first render ${n.toLocaleString('en').padStart(7)} events: ` +
          `to layout ${ms(median(cold.map((f) => f.syncMs)))}, ` +
          `to next frame ${ms(median(cold.map((f) => f.toFrameMs)))}; ` +
          `again ${ms(median(warm.map((f) => f.syncMs)))}; rows in DOM ${cold[0].rows}${target}`,
      );
    }

    const page = await openViewer(harness, browser);
    await firstRender(page, 10_000, 'running');
    const logs = await appends(page, 60, 'log', 0);
    console.log(
      `append 1 log event to a 10,000-event view:  median ${ms(median(logs))}, p95 ${ms(p95(logs))}, ` +
        `max ${ms(Math.max(...logs))}   (target < ${TARGETS.append} ms)`,
    );
    // A tool call also redraws the span tree and the tool-call list.
    const tools = await appends(page, 60, 'tool_call', 100);
    console.log(
      `append 1 tool call to a 10,000-event view:  median ${ms(median(tools))}, p95 ${ms(p95(tools))}, ` +
        `max ${ms(Math.max(...tools))}   (target < ${TARGETS.append} ms)`,
    );
    await page.context().close();

    const hostile = await openViewer(harness, browser);
    const huge = await hugeNames(hostile);
    console.log(
      `stream 13 events with 200 KB agent names: ${ms(huge.ms)} until drawn; ` +
        `page ${huge.scrollWidth} px wide in a ${huge.innerWidth} px viewport`,
    );
    await hostile.context().close();

    const big = await openViewer(harness, browser);
    const before = await heapMb(big);
    await firstRender(big, 100_000);
    const after = await heapMb(big);
    const idle = await scrolls(big, 40, false);
    const scrolled = await scrolls(big, 40);
    console.log(
      `scroll 100,000 rows to random places: median ${ms(median(scrolled))} per jump over two frames ` +
        `(idle two frames: ${ms(median(idle))}), p95 ${ms(p95(scrolled))}`,
    );
    console.log(
      `JS heap: ${before.toFixed(1)} MB empty viewer, ${after.toFixed(1)} MB with 100,000 events ` +
        `(+${(after - before).toFixed(1)} MB)`,
    );
    await big.context().close();
  } finally {
    await browser.close();
    await harness.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
