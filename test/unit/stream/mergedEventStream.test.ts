/**
 * MergedEventStream's ordering and dedup with the real parser; the table side is a plain emitter
 * here so arrival orders can be chosen exactly (test/integration/stream covers the real poller).
 */
import { describe, expect, it } from 'vitest';
import { EventEmitter } from '../../../src/common/emitter';
import { AgentifyError } from '../../../src/common/errors';
import type { AgentifyEvent } from '../../../src/events/types';
import { EventPoller, MergedEventStream } from '../../../src/stream/mergedEventStream';
import { StdoutEventParser } from '../../../src/stream/stdoutEventParser';
import type { StreamedEvent } from '../../../src/stream/types';

class TablePoller implements EventPoller {
  readonly events = new EventEmitter<AgentifyEvent>();
  readonly errors = new EventEmitter<AgentifyError>();
  readonly onEvent = this.events.event;
  readonly onError = this.errors.event;
  started: string[] = [];
  stops = 0;
  startPolling(id: string) {
    this.started.push(id);
  }
  stopPolling() {
    this.stops++;
  }
}

const ev = (wf: string, ts: number, type: AgentifyEvent['event_type'] = 'log'): AgentifyEvent => ({ workflow_id: wf, timestamp: ts, event_type: type, payload: { message: `m${ts}` } });
const line = (e: AgentifyEvent) => JSON.stringify({ agentify: 1, event: e });

function setup(maxEvents?: number) {
  const poller = new TablePoller();
  const stream = new MergedEventStream(poller, new StdoutEventParser(), { maxEvents });
  const got: StreamedEvent[] = [];
  const resets: string[] = [];
  stream.onDidReceiveEvent((e) => got.push(e));
  stream.onDidReset((r) => resets.push(r.workflowId));
  return { poller, stream, got, resets };
}

describe('MergedEventStream', () => {
  it('startRun resets subscribers and starts polling the run', () => {
    const { poller, stream, resets } = setup();
    stream.startRun('wf-a');
    expect(resets).toEqual(['wf-a']);
    expect(poller.started).toEqual(['wf-a']);
    expect(stream.currentWorkflowId).toBe('wf-a');
    stream.acceptStdoutLine(line(ev('wf-a', 1)));
    stream.startRun('wf-b');
    expect(stream.snapshot()).toEqual([]);
    expect(resets).toEqual(['wf-a', 'wf-b']);
  });

  it('delivers an event seen on stdout and later from the table once, crediting stdout', () => {
    const { poller, stream, got } = setup();
    stream.startRun('wf');
    stream.acceptStdoutLine(line(ev('wf', 10)));
    poller.events.fire(ev('wf', 10));
    poller.events.fire(ev('wf', 20));
    stream.acceptStdoutLine(line(ev('wf', 20)));
    expect(got.map((g) => [g.event.timestamp, g.source])).toEqual([
      [10, 'stdout'],
      [20, 'table'],
    ]);
  });

  it('keeps the run ordered by timestamp and marks late insertions with their index', () => {
    const { poller, stream, got } = setup();
    stream.startRun('wf');
    for (const ts of [10, 30, 20, 40, 5, 30]) poller.events.fire(ev('wf', ts));
    expect(got.map((g) => [g.event.timestamp, g.index, g.late])).toEqual([
      [10, 0, false],
      [30, 1, false],
      [20, 1, true],
      [40, 3, false],
      [5, 0, true],
    ]);
    expect(stream.snapshot().map((e) => e.timestamp)).toEqual([5, 10, 20, 30, 40]);
  });

  it('ignores events of other runs and invalid ones', () => {
    const { poller, stream, got } = setup();
    poller.events.fire(ev('wf', 1));
    stream.startRun('wf');
    poller.events.fire(ev('other', 2));
    stream.acceptEvent({ workflow_id: 'wf', timestamp: Number.NaN, event_type: 'log', payload: {} }, 'stdout');
    stream.acceptEvent(ev('wf', 3, 'workflow_error'), 'stdout');
    expect(got.map((g) => g.event.timestamp)).toEqual([3]);
  });

  it('follows the run id a workflow prints for itself when nothing was shown yet', () => {
    const { poller, stream, got, resets } = setup();
    stream.startRun('executor-id');
    stream.acceptStdoutLine(JSON.stringify({ type: 'node_start', workflow_id: 'own-id', node_id: 'a', timestamp: 1767600000 }));
    expect(resets).toEqual(['executor-id', 'own-id']);
    expect(poller.started).toEqual(['executor-id', 'own-id']);
    expect(got.map((g) => g.event.workflow_id)).toEqual(['own-id']);
    stream.acceptStdoutLine(JSON.stringify({ type: 'node_start', workflow_id: 'third', node_id: 'a', timestamp: 1767600001 }));
    expect(got).toHaveLength(1);
  });

  it('forwards the poller’s user errors', () => {
    const { poller, stream } = setup();
    const errors: string[] = [];
    stream.onDidError((e) => errors.push(e.code));
    poller.errors.fire(new AgentifyError('The DynamoDB table "t" does not exist.', { code: 'TableNotFound' }));
    expect(errors).toEqual(['TableNotFound']);
  });

  it('stops polling when its last subscriber leaves', () => {
    const poller = new TablePoller();
    const stream = new MergedEventStream(poller, new StdoutEventParser());
    const a = stream.onDidReceiveEvent(() => undefined);
    const b = stream.onDidReceiveEvent(() => undefined);
    a.dispose();
    expect(poller.stops).toBe(0);
    b.dispose();
    expect(poller.stops).toBe(1);
  });

  it('keeps at most maxEvents, dropping the oldest and anything older than them', () => {
    const { poller, stream, got } = setup(10);
    stream.startRun('wf');
    for (let ts = 1; ts <= 11; ts++) poller.events.fire(ev('wf', ts));
    expect(stream.snapshot().map((e) => e.timestamp)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(got[got.length - 1]).toMatchObject({ index: 9, late: false });
    poller.events.fire(ev('wf', 1));
    poller.events.fire(ev('wf', 0));
    expect(got).toHaveLength(11);
    expect(stream.snapshot()).toHaveLength(10);
  });
});
