/**
 * A receiver on a free loopback port for one test, with what it delivers collected (bounded) and
 * its log lines; `stop()` in afterEach. Also the Demo Viewer's own run model, fed the delivered
 * events, so tests check what the viewer would show.
 */
import { eventKey, type AgentifyEvent } from '../../../src/events/types';
import { OtlpReceiver, type OtlpEventBatch, type OtlpReceiverOptions } from '../../../src/otlp/otlpReceiver';
import { RunModel } from '../../../webview-ui/demo-viewer/model';

const MAX_EVENTS = 50_000;

export interface Harness {
  receiver: OtlpReceiver;
  url: string;
  batches: OtlpEventBatch[];
  logs: string[];
  events(workflowId?: string): AgentifyEvent[];
  workflowIds(): string[];
  waitFor(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(options: OtlpReceiverOptions = {}): Promise<Harness> {
  const logs: string[] = [];
  const batches: OtlpEventBatch[] = [];
  let total = 0;
  const receiver = new OtlpReceiver({ port: 0, ...options, log: (line) => logs.length < 1000 && logs.push(line) });
  receiver.onEvents((batch) => {
    total += batch.events.length;
    if (total > MAX_EVENTS) throw new Error(`the test receiver got more than ${MAX_EVENTS} events`);
    batches.push(batch);
  });
  const { url } = await receiver.start();
  const events = (workflowId?: string) =>
    batches.filter((b) => !workflowId || b.workflowId === workflowId).flatMap((b) => b.events);
  return {
    receiver,
    url,
    batches,
    logs,
    events,
    workflowIds: () => [...new Set(batches.map((b) => b.workflowId))],
    async waitFor(check, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      await receiver.stop();
      receiver.dispose();
    },
  };
}

/** Events deduplicated on identity, in timestamp order, as the host's merge would keep them. */
export function merged(events: readonly AgentifyEvent[]): AgentifyEvent[] {
  const seen = new Map<string, AgentifyEvent>();
  for (const e of events) if (!seen.has(eventKey(e))) seen.set(eventKey(e), e);
  return [...seen.values()].sort((a, b) => a.timestamp - b.timestamp);
}

/** The Demo Viewer's model of a live run, fed events as they arrive. */
export function viewerModel(workflowId: string): RunModel {
  const model = new RunModel();
  model.reset({ workflowId, prompt: '', startedAt: 0, status: 'running', source: 'live' });
  return model;
}

/** What a run shows: agents, tools with status, token totals, outcome. */
export function runSummary(events: readonly AgentifyEvent[]) {
  const model = new RunModel();
  const workflowId = events[0]?.workflow_id ?? '';
  model.reset({ workflowId, prompt: '', startedAt: 0, status: 'running', source: 'live' }, events);
  const spans = [...model.spans.spans.values()];
  return {
    agents: model.agents,
    tools: spans
      .filter((s) => s.kind === 'tool')
      .map((s) => `${s.name}:${s.status}`)
      .sort(),
    inputTokens: spans.reduce((n, s) => n + (s.kind === 'llm' ? (s.inputTokens ?? 0) : 0), 0),
    outputTokens: spans.reduce((n, s) => n + (s.kind === 'llm' ? (s.outputTokens ?? 0) : 0), 0),
    models: [...new Set(spans.filter((s) => s.kind === 'llm').map((s) => s.model))],
    status: model.status,
    result: model.terminal?.payload.result,
    graph: model.graph(),
  };
}
