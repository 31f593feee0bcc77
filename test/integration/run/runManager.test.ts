import { afterEach, describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { AgentifyError } from '../../../src/common/errors';
import { EventEmitter } from '../../../src/common/emitter';
import type { AgentifyEvent } from '../../../src/events/types';
import type { TableEventSource } from '../../../src/run/runSession';
import {
  DECORATORS,
  FIXTURES,
  ManualClock,
  allGone,
  bounded,
  isAlive,
  makeHarness,
  testConfig,
  type Harness,
} from './runHarness';

/**
 * Stands in for the table poller (the real one against DynamoDB Local is tested in
 * test/integration/polling and end to end), so a test decides when the table "delivers".
 */
class TableStandIn implements TableEventSource {
  readonly origin = 'table' as const;
  private readonly emitter = new EventEmitter<readonly AgentifyEvent[]>();
  readonly onEvents = this.emitter.event;
  readonly opened: string[] = [];
  finished = false;
  readonly source = (workflowId: string): TableEventSource => {
    this.opened.push(workflowId);
    return this;
  };
  deliver(event: AgentifyEvent): void {
    this.emitter.fire([event]);
  }
  finish(): void {
    this.finished = true;
  }
  async readNow(): Promise<void> {}
  readonly onDidFinish = new EventEmitter<void>().event;
  dispose(): void {}
}

function terminal(workflowId: string, type: 'workflow_complete' | 'workflow_error'): AgentifyEvent {
  return { workflow_id: workflowId, timestamp: Date.now(), event_type: type, payload: {} };
}

const harnesses: Harness[] = [];
function harness(...args: Parameters<typeof makeHarness>): Harness {
  const h = makeHarness(...args);
  harnesses.push(h);
  return h;
}

afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    await h.runs.stop();
    h.runs.dispose();
  }
});

function echoOf(h: Harness): {
  prompt: string;
  workflow_id: string;
  trace_id: string;
  cwd: string;
  env: Record<string, string | null>;
} {
  const line = h.lines.find((l) => l.includes('"echo"'));
  if (!line) throw new Error('no echo line');
  return JSON.parse(line).echo;
}

async function pidsOf(h: Harness): Promise<number[]> {
  return JSON.parse(await h.nextLine((l) => l.includes('"pids"'))).pids;
}

describe('RunManager with the real executor and python3', () => {
  it('completes a run that reports workflow_complete, passing stdout lines on and synthesizing nothing', async () => {
    const h = harness(testConfig('success.py'));
    const started: string[] = [];
    h.runs.onDidStartRun((r) => started.push(r.info.workflowId));
    const ended = h.nextEnd();
    const info = await h.runs.run('plan a trip');
    expect(started).toEqual([info.workflowId]);
    expect(h.runs.current?.info).toEqual(info);
    expect(h.runs.isRunning).toBe(true);
    const end = await ended;
    expect(end.outcome).toBe('completed');
    expect(end.exitCode).toBe(0);
    expect(h.events.map((e) => e.event_type)).toContain('workflow_complete');
    expect(h.synthetic()).toEqual([]);
    expect(h.runs.isRunning).toBe(false);
  });

  it('passes prompt and ids as arguments; table settings, profile and decorators path in the environment', async () => {
    const config = testConfig('success.py', { stdoutEvents: false });
    config.aws.profile = 'team-dev';
    const h = harness(config, {
      executor: {
        env: { PATH: process.env.PATH, PYTHONPATH: '/user/lib', AGENTIFY_TEST_MARKER: 'kept' },
        resolveEndpoint: async () => 'http://127.0.0.1:8123',
      },
    });
    const ended = h.nextEnd();
    const info = await h.runs.run('say "hi" && $HOME');
    await ended;
    const echo = echoOf(h);
    expect(echo.prompt).toBe('say "hi" && $HOME');
    expect(echo.workflow_id).toBe(info.workflowId);
    expect(echo.trace_id).toBe(info.traceId);
    expect(echo.workflow_id).toMatch(/^wf-[0-9a-f]{8}$/);
    expect(echo.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(echo.cwd).toBe(FIXTURES);
    expect(echo.env).toEqual({
      AGENTIFY_WORKFLOW_ID: info.workflowId,
      AGENTIFY_TRACE_ID: info.traceId,
      AGENTIFY_TABLE_NAME: 'events-under-test',
      AGENTIFY_TABLE_REGION: 'eu-west-1',
      AGENTIFY_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8123',
      AWS_PROFILE: 'team-dev',
      AGENTIFY_STDOUT: '0',
      PYTHONUNBUFFERED: '1',
      PYTHONPATH: `${DECORATORS}${path.delimiter}/user/lib`,
      AGENTIFY_TEST_MARKER: 'kept',
    });
  });

  it('completes a legacy workflow that ends with {"type": "workflow_complete"}, synthesizing nothing', async () => {
    const h = harness(testConfig('legacy_complete.py'));
    const ended = h.nextEnd();
    const info = await h.runs.run('x');
    const end = await ended;
    expect(end.outcome).toBe('completed');
    expect(h.events.map((e) => [e.workflow_id, e.event_type])).toEqual([
      [info.workflowId, 'agent_start'],
      [info.workflowId, 'agent_end'],
      [info.workflowId, 'workflow_complete'],
    ]);
    expect(h.synthetic()).toEqual([]);
    // A JSON line of the user's own that mentions "agentify" is output, not a malformed event.
    expect(h.output).toEqual(['{"agentify": "is great"}']);
    expect(h.logs.some((l) => l.includes('could not read'))).toBe(false);
  });

  it('makes the bundled decorators importable without pip', async () => {
    const h = harness(testConfig('import_agentify.py'));
    const ended = h.nextEnd();
    await h.runs.run('x');
    expect((await ended).outcome).toBe('completed');
    const line = h.output.find((l) => l.includes('agentify_file'))!;
    expect(JSON.parse(line).agentify_file.startsWith(path.join(DECORATORS, 'agentify'))).toBe(true);
  });

  it('reports a crash with its traceback as a synthesized ProcessExited workflow_error', async () => {
    const h = harness(testConfig('crash.py'));
    const ended = h.nextEnd();
    const info = await h.runs.run('x');
    const end = await ended;
    expect(end.outcome).toBe('failed');
    expect(end.exitCode).toBe(1);
    expect(end.stderrTail).toContain('RuntimeError: planner exploded');
    expect(h.synthetic()).toHaveLength(1);
    const event = h.synthetic()[0];
    expect(event.workflow_id).toBe(info.workflowId);
    expect(event.event_type).toBe('workflow_error');
    expect(event.payload.error?.type).toBe('ProcessExited');
    expect(event.payload.error?.message).toContain('exit code 1');
    expect(event.payload.error?.traceback).toContain('Traceback (most recent call last)');
    expect(event.payload.error?.traceback).toContain('planner exploded');
    expect(h.logs.some((l) => l.includes('planner exploded'))).toBe(true);
  });

  it('synthesizes a workflow_error (exit code, stderr tail) when the process ends without an ending', async () => {
    const h = harness(testConfig('silent_exit.py'));
    const ended = h.nextEnd();
    await h.runs.run('x');
    const end = await ended;
    expect(end.outcome).toBe('failed');
    expect(end.exitCode).toBe(3);
    const error = h.synthetic()[0]?.payload.error;
    expect(error?.type).toBe('ProcessExited');
    expect(error?.message).toContain('exit code 3');
    expect(error?.traceback).toBe('fatal: lost connection to the model');
    // After the workflow's own events, so the stream orders it last.
    const start = JSON.parse(h.lines.find((l) => l.includes('workflow_start'))!).event.timestamp;
    expect(h.synthetic()[0].timestamp).toBeGreaterThan(start);
  });

  describe('with stdout events off (the run reports only to the table)', () => {
    it('waits for the terminal event from the table after exit and takes the outcome from it', async () => {
      const clock = new ManualClock();
      const table = new TableStandIn();
      const h = harness(testConfig('table_only.py', { stdoutEvents: false }), {
        runs: { readTable: table.source, clock },
      });
      const ended = h.nextEnd();
      const info = await h.runs.run('x');
      // The process has exited and the session waits for the table.
      await clock.pending(10_000);
      table.deliver(terminal(info.workflowId, 'workflow_complete'));
      const end = await ended;
      expect(table.opened).toEqual([info.workflowId]);
      expect(end.outcome).toBe('completed');
      expect(h.synthetic()).toEqual([]);
      expect(table.finished).toBe(true);
    });

    it('reports a table-reported workflow_error as failed without synthesizing a second one', async () => {
      const table = new TableStandIn();
      const h = harness(testConfig('table_only.py', { stdoutEvents: false }), { runs: { readTable: table.source } });
      const ended = h.nextEnd();
      const info = await h.runs.run('x');
      const error = terminal(info.workflowId, 'workflow_error');
      table.deliver(error);
      expect((await ended).outcome).toBe('failed');
      expect(h.events.filter((e) => e.event_type === 'workflow_error')).toEqual([error]);
    });

    it('synthesizes ProcessExited naming the table when no terminal event arrives within the wait', async () => {
      const clock = new ManualClock();
      const table = new TableStandIn();
      const h = harness(testConfig('table_only.py', { stdoutEvents: false }), {
        runs: { readTable: table.source, clock, tableWaitMs: 7000 },
      });
      const ended = h.nextEnd();
      await h.runs.run('x');
      await clock.fire(7000);
      const end = await ended;
      expect(end.outcome).toBe('failed');
      expect(end.exitCode).toBe(0);
      const error = h.synthetic()[0]?.payload.error;
      expect(error?.type).toBe('ProcessExited');
      expect(error?.message).toContain(
        'no workflow_complete or workflow_error for it reached the events table within 7 s',
      );
      expect(error?.message).toContain('agentify.workflow.stdoutEvents');
    });

    it('ends the wait at once when the user stops the exited run', async () => {
      const clock = new ManualClock();
      const table = new TableStandIn();
      const h = harness(testConfig('table_only.py', { stdoutEvents: false }), {
        runs: { readTable: table.source, clock, tableWaitMs: 600_000 },
      });
      const ended = h.nextEnd();
      await h.runs.run('x');
      // The wait has begun once its timer is pending.
      await clock.pending(600_000);
      expect(h.runs.isRunning).toBe(true);
      await bounded(h.runs.stop(), 'stop');
      expect((await ended).outcome).toBe('failed');
      expect(h.runs.isRunning).toBe(false);
    });
  });

  it('does not wait on the table when stdout events are on: a silent exit is reported at once', async () => {
    const clock = new ManualClock();
    const table = new TableStandIn();
    const h = harness(testConfig('silent_exit.py'), { runs: { readTable: table.source, clock } });
    const ended = h.nextEnd();
    await h.runs.run('x');
    expect((await ended).outcome).toBe('failed');
    expect(h.synthetic()[0]?.payload.error?.type).toBe('ProcessExited');
  });

  it('stops a hanging run and its child process, reporting Stopped rather than ProcessExited', async () => {
    const h = harness(testConfig('hang_with_child.py'));
    await h.runs.run('x');
    const pids = await pidsOf(h);
    expect(pids.every(isAlive)).toBe(true);
    const ended = h.nextEnd();
    await bounded(h.runs.stop(), 'stop');
    const end = await ended;
    expect(end.outcome).toBe('stopped');
    expect(await allGone(pids)).toEqual([]);
    expect(h.synthetic().map((e) => e.payload.error?.type)).toEqual(['Stopped']);
    expect(h.runs.isRunning).toBe(false);
  });

  it('kills a process that ignores SIGTERM once the grace period has passed', async () => {
    const clock = new ManualClock();
    const h = harness(testConfig('hang_ignoring_term.py'), { executor: { clock, stopGraceMs: 3000 } });
    await h.runs.run('x');
    const [pid] = await pidsOf(h);
    const stopped = h.runs.stop();
    await clock.fire(3000);
    await bounded(stopped, 'stop');
    expect(await allGone([pid])).toEqual([]);
  });

  it('stops a run that exceeds workflow.timeoutSeconds with outcome timedOut', async () => {
    const clock = new ManualClock();
    const h = harness(testConfig('hang_with_child.py', { timeoutSeconds: 5 }), { executor: { clock } });
    const ended = h.nextEnd();
    await h.runs.run('x');
    const pids = await pidsOf(h);
    await clock.fire(5000);
    const end = await ended;
    expect(end.outcome).toBe('timedOut');
    expect(await allGone(pids)).toEqual([]);
    expect(h.synthetic()[0]?.payload.error?.type).toBe('TimedOut');
    expect(h.synthetic()[0]?.payload.error?.message).toContain('agentify.workflow.timeoutSeconds');
  });

  it('stops the running workflow before starting a second one', async () => {
    const h = harness(testConfig('hang_with_child.py'));
    const first = await h.runs.run('first');
    const pids = await pidsOf(h);
    const ends: string[] = [];
    h.runs.onDidEndRun((e) => ends.push(`${e.run.workflowId}:${e.outcome}`));
    h.config.current = testConfig('success.py');
    const secondEnded = new Promise<void>((resolve) =>
      h.runs.onDidEndRun((e) => e.run.workflowId !== first.workflowId && resolve()),
    );
    const second = await h.runs.run('second');
    expect(await allGone(pids)).toEqual([]);
    expect(second.workflowId).not.toBe(first.workflowId);
    await bounded(secondEnded, 'second run end');
    expect(ends).toEqual([`${first.workflowId}:stopped`, `${second.workflowId}:completed`]);
  });

  it('rejects with PythonMissing naming the setting when the configured interpreter does not exist', async () => {
    const config = testConfig('success.py');
    config.python.path = '/nonexistent/bin/python3';
    const h = harness(config);
    const err = await h.runs.run('x').catch((e) => e);
    expect(err).toBeInstanceOf(AgentifyError);
    expect(err.code).toBe('PythonMissing');
    expect(err.message).toContain('/nonexistent/bin/python3');
    expect(err.message).toContain('agentify.python.path');
    expect(h.runs.isRunning).toBe(false);
  });

  it('rejects with PythonMissing saying how to install Python when none is on PATH', async () => {
    const h = harness(testConfig('success.py'), { executor: { env: { PATH: path.join(FIXTURES, 'no-such-dir') } } });
    const err = await h.runs.run('x').catch((e) => e);
    expect(err.code).toBe('PythonMissing');
    expect(err.message).toContain('agentify.python.path');
    expect(err.message).toMatch(/Install Python/);
  });

  it('rejects with WorkflowEntryMissing naming the path, the setting and the Ideation Wizard', async () => {
    const h = harness(testConfig('agents/main.py'));
    const err = await h.runs.run('x').catch((e) => e);
    expect(err.code).toBe('WorkflowEntryMissing');
    expect(err.message).toContain(path.join(FIXTURES, 'agents/main.py'));
    expect(err.message).toContain('agentify.workflow.entry');
    expect(err.message).toContain('Agentify: Open Ideation Wizard');
  });
});
