/**
 * RunSession's ordering, dedup, terminal detection and ending with the real parser; the table side
 * is a plain emitter here so arrival orders can be chosen exactly (test/integration/run covers the
 * real poller and real processes). The process is a stand-in whose exit the test decides.
 */
import { describe, expect, it } from 'vitest';
import { EventEmitter } from '../../../src/common/emitter';
import { AgentifyError } from '../../../src/common/errors';
import type { AgentifyEvent } from '../../../src/events/types';
import type { ProcessExit, WorkflowProcess } from '../../../src/executor/types';
import { RunSession, type TableEventSource } from '../../../src/run/runSession';

class TableStandIn implements TableEventSource {
  readonly origin = 'table' as const;
  readonly events = new EventEmitter<readonly AgentifyEvent[]>();
  readonly errors = new EventEmitter<AgentifyError>();
  readonly onEvents = this.events.event;
  readonly onError = this.errors.event;
  finished = 0;
  disposed = 0;
  readonly finished$ = new EventEmitter<void>();
  readonly onDidFinish = this.finished$.event;
  finish() {
    this.finished++;
  }
  /** What the next `readNow` finds in the table. */
  unread: AgentifyEvent[] = [];
  async readNow() {
    this.events.fire(this.unread.splice(0));
  }
  dispose() {
    this.disposed++;
  }
}

/** A process whose exit the test decides. */
function processStandIn(): WorkflowProcess & { exit(exit: Partial<ProcessExit>): void; stops: string[] } {
  let resolve!: (exit: ProcessExit) => void;
  const exited = new Promise<ProcessExit>((r) => (resolve = r));
  const stops: string[] = [];
  return {
    pid: 1,
    exited,
    stops,
    exit: (exit) => resolve({ exitCode: 0, signal: null, stderrTail: '', ...exit }),
    stop: (reason = 'stopped') => {
      stops.push(reason);
      resolve({ exitCode: null, signal: 'SIGTERM', stopReason: reason, stderrTail: '' });
      return exited;
    },
  };
}

const ev = (wf: string, ts: number, type: AgentifyEvent['event_type'] = 'log'): AgentifyEvent => ({
  workflow_id: wf,
  timestamp: ts,
  event_type: type,
  payload: { message: `m${ts}` },
});
const line = (e: AgentifyEvent) => JSON.stringify({ agentify: 1, event: e });

function setup(options: { maxEvents?: number; stdoutEvents?: boolean } = {}) {
  const tables: Array<{ id: string; table: TableStandIn }> = [];
  const output: string[] = [];
  const session = new RunSession(
    { workflowId: 'wf', traceId: 'trace', prompt: 'p', startedAt: 1 },
    {
      stdoutEvents: options.stdoutEvents ?? true,
      timeoutSeconds: 0,
      maxEvents: options.maxEvents,
      readTable: (id) => {
        const table = new TableStandIn();
        tables.push({ id, table });
        return table;
      },
      log: { output: (l) => output.push(l), warn: () => undefined },
    },
  );
  const got: AgentifyEvent[] = [];
  session.onDidReceiveEvent((e) => got.push(e));
  return { session, tables, table: () => tables[tables.length - 1].table, got, output };
}

describe('RunSession', () => {
  it('delivers an event seen on stdout and later from the table once', () => {
    const { session, table, got } = setup();
    session.acceptStdoutLine(line(ev('wf', 10)));
    table().events.fire([ev('wf', 10), ev('wf', 20)]);
    session.acceptStdoutLine(line(ev('wf', 20)));
    expect(got.map((e) => e.timestamp)).toEqual([10, 20]);
  });

  it('keeps the run ordered by timestamp whatever order the sources deliver in', () => {
    const { session, table, got } = setup();
    session.acceptStdoutLine(line(ev('wf', 30)));
    table().events.fire([ev('wf', 10), ev('wf', 40), ev('wf', 20)]);
    expect(got.map((e) => e.timestamp)).toEqual([30, 10, 40, 20]);
    expect(session.snapshot().map((e) => e.timestamp)).toEqual([10, 20, 30, 40]);
  });

  it('ignores events of other runs once the run has events', () => {
    const { session, table, got } = setup();
    session.acceptStdoutLine(line(ev('wf', 1)));
    table().events.fire([ev('other', 2)]);
    session.acceptStdoutLine(line(ev('other', 3)));
    expect(got.map((e) => e.timestamp)).toEqual([1]);
  });

  it('takes the run id a workflow prints for itself when nothing was shown yet', () => {
    const { session, tables, got } = setup();
    const changes: string[] = [];
    session.onDidChangeInfo(({ previousId, info }) => changes.push(`${previousId}->${info.workflowId}`));
    session.acceptStdoutLine(
      JSON.stringify({ type: 'node_start', workflow_id: 'own-id', node_id: 'a', timestamp: 1767600000 }),
    );
    expect(changes).toEqual(['wf->own-id']);
    expect(session.info.workflowId).toBe('own-id');
    expect(tables.map((t) => t.id)).toEqual(['wf', 'own-id']);
    expect(tables[0].table.disposed).toBe(1);
    expect(got.map((e) => e.workflow_id)).toEqual(['own-id']);
    session.acceptStdoutLine(
      JSON.stringify({ type: 'node_start', workflow_id: 'third', node_id: 'a', timestamp: 1767600001 }),
    );
    expect(got).toHaveLength(1);
  });

  it('tells the table the run is over once the terminal event arrives from any source', () => {
    const { session, table } = setup();
    session.acceptStdoutLine(line(ev('wf', 1)));
    expect(table().finished).toBe(0);
    table().events.fire([ev('wf', 2, 'workflow_complete')]);
    expect(table().finished).toBe(1);
  });

  it('ends completed on a legacy workflow_complete line, with nothing synthesized', async () => {
    const { session, got } = setup();
    const process = processStandIn();
    const ended = session.attach(process);
    session.acceptStdoutLine(JSON.stringify({ type: 'workflow_complete', result: 'ok', timestamp: 1767600000 }));
    process.exit({ exitCode: 0 });
    const end = await ended;
    expect(end.outcome).toBe('completed');
    expect(got.map((e) => e.event_type)).toEqual(['workflow_complete']);
    expect(session.end).toBe(end);
  });

  it('synthesizes a workflow_error after the newest event for a process that exits without one', async () => {
    const { session, got } = setup();
    const process = processStandIn();
    const ended = session.attach(process);
    const far = Date.now() + 60_000;
    session.acceptStdoutLine(line(ev('wf', far)));
    process.exit({ exitCode: 3, stderrTail: 'boom' });
    const end = await ended;
    expect(end.outcome).toBe('failed');
    const synthetic = got[got.length - 1];
    expect(synthetic.event_type).toBe('workflow_error');
    expect(synthetic.timestamp).toBe(far + 1);
    expect(synthetic.payload.error).toMatchObject({ type: 'ProcessExited', traceback: 'boom' });
    expect(synthetic.payload.error?.message).toContain('exit code 3');
  });

  it('calls a stopped run stopped, with a Stopped ending, and stops the process once', async () => {
    const { session, got } = setup();
    const process = processStandIn();
    session.attach(process);
    const end = await session.stop();
    expect(end.outcome).toBe('stopped');
    expect(process.stops).toEqual(['stopped']);
    expect(got.map((e) => e.payload.error?.type)).toEqual(['Stopped']);
  });

  it('forwards the table’s user errors and merges events delivered from elsewhere (OTLP)', () => {
    const { session, table } = setup();
    const errors: string[] = [];
    session.onDidError((e) => errors.push(e.code));
    table().errors.fire(new AgentifyError('gone', { code: 'TableNotFound' }));
    session.deliver([ev('wf', 5), ev('wf', 3)], 'otlp');
    session.acceptStdoutLine(line(ev('wf', 5)));
    expect(errors).toEqual(['TableNotFound']);
    expect(session.snapshot().map((e) => e.timestamp)).toEqual([3, 5]);
  });

  it('waits after exit for a terminal event in an exporter’s last batch when spans came over OTLP', async () => {
    const { session } = setup();
    const process = processStandIn();
    const ended = session.attach(process);
    session.deliver([ev('wf', 1, 'agent_start')], 'otlp');
    process.exit({ exitCode: 0 });
    await Promise.resolve();
    expect(session.end).toBeUndefined();
    session.deliver([ev('wf', 2, 'workflow_complete')], 'otlp');
    expect((await ended).outcome).toBe('completed');
  });

  it('keeps at most maxEvents, dropping the oldest and anything older than them', () => {
    const { session, table } = setup({ maxEvents: 10 });
    table().events.fire(Array.from({ length: 11 }, (_, i) => ev('wf', i + 1)));
    expect(session.snapshot().map((e) => e.timestamp)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // 1 left the list and stays out; 12 pushes 2 out.
    table().events.fire([ev('wf', 1), ev('wf', 12)]);
    expect(session.snapshot().map((e) => e.timestamp)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  describe('ended by its watcher (conclude)', () => {
    const failed = {
      outcome: 'failed',
      error: { type: 'SessionFailed', message: 'the runtime is not there' },
    } as const;
    const seqEv = (ts: number, seq: number, type: AgentifyEvent['event_type'] = 'log'): AgentifyEvent => ({
      ...ev('wf', ts, type),
      producer_id: 'agent',
      seq,
    });

    it('ends at once with the watcher’s failure as its one synthetic ending; tells the table to drain', async () => {
      const { session, table, got } = setup();
      const ends: string[] = [];
      session.onDidEnd((e) => ends.push(e.outcome));
      const ended = session.observe();
      session.deliver([ev('wf', 5)], 'stdout');
      const concluded = session.conclude(failed);
      expect(session.end).toBeUndefined(); // the table's last read first
      await concluded;
      expect(session.end?.outcome).toBe('failed');
      void session.conclude({ outcome: 'completed', message: 'too late' });
      expect((await ended).outcome).toBe('failed');
      expect(ends).toEqual(['failed']);
      expect(got.map((e) => [e.event_type, e.payload.error?.message])).toEqual([
        ['log', undefined],
        ['workflow_error', 'the runtime is not there'],
      ]);
      expect(got[1].timestamp).toBeGreaterThan(5);
      expect(table().finished).toBeGreaterThan(0);
    });

    it('completes with a synthetic workflow_complete carrying the watcher’s message', async () => {
      const { session, got } = setup();
      session.observe();
      const end = await session.conclude({ outcome: 'completed', message: 'Session s succeeded.' });
      expect(end.outcome).toBe('completed');
      expect(got.map((e) => [e.event_type, e.payload.message])).toEqual([
        ['workflow_complete', 'Session s succeeded.'],
      ]);
    });

    it('keeps the run’s own terminal event when it came first: nothing is synthesized', async () => {
      const { session, got } = setup();
      const ended = session.observe();
      session.deliver([ev('wf', 1, 'workflow_complete')], 'stdout');
      await session.conclude(failed);
      expect((await ended).outcome).toBe('completed');
      expect(got.map((e) => e.event_type)).toEqual(['workflow_complete']);
    });

    it('lets the table drain before completing: the agent’s own ending still on its way decides', async () => {
      const { session, table, got } = setup();
      const ended = session.observe();
      session.deliver([ev('wf', 1, 'workflow_start')], 'stdout');
      const concluded = session.conclude({ outcome: 'completed', message: 'the session succeeded' });
      await new Promise((r) => setTimeout(r, 0));
      expect(table().finished).toBe(1); // draining, not ended
      expect(session.end).toBeUndefined();
      table().events.fire([{ ...ev('wf', 9, 'workflow_complete'), payload: { result: 'the agent’s answer' } }]);
      table().finished$.fire();
      await concluded;
      expect((await ended).outcome).toBe('completed');
      expect(got.map((e) => [e.event_type, e.payload.result])).toEqual([
        ['workflow_start', undefined],
        ['workflow_complete', 'the agent’s answer'],
      ]);
    });

    it('fails at once without waiting for the drain', async () => {
      const { session, table } = setup();
      session.observe();
      await session.conclude(failed);
      expect(session.end?.outcome).toBe('failed');
      expect(table().finished).toBeGreaterThan(0);
    });

    it('reads the table once more before concluding: the run’s own ending found there decides', async () => {
      const { session, table, got } = setup();
      const ended = session.observe();
      table().unread = [ev('wf', 7, 'workflow_complete')];
      await session.conclude({ outcome: 'completed', message: 'the session succeeded' });
      expect((await ended).outcome).toBe('completed');
      expect(got.map((e) => [e.event_type, e.timestamp])).toEqual([['workflow_complete', 7]]);
    });

    it('does not show a terminal event that arrives after its ending, and counts its seq as delivered', async () => {
      const { session, table, got } = setup();
      const errors: string[] = [];
      session.onDidError((e) => errors.push(e.message));
      session.observe();
      session.deliver([seqEv(1, 1, 'workflow_start')], 'stdout');
      await session.conclude(failed);
      // The drain reads the agent's own ending and an event after it; then stdout brings the ending again.
      table().events.fire([seqEv(2, 2, 'workflow_error'), seqEv(3, 3)]);
      session.deliver([seqEv(2, 2, 'workflow_error')], 'stdout');
      table().finished$.fire();
      expect(got.map((e) => e.event_type)).toEqual(['workflow_start', 'workflow_error', 'log']);
      expect(got.filter((e) => e.event_type === 'workflow_error').map((e) => e.payload.error?.type)).toEqual([
        'SessionFailed',
      ]);
      expect(errors).toEqual([]);
    });
  });
});
