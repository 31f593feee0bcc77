/**
 * A RunSession with the real poller on the local server and its real stdout parser: an event that
 * arrives on stdout and then from the table is delivered once, and the table fills in what stdout
 * missed, the run's list kept in timestamp order. The poller's clock is fake so polls happen when
 * the test says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { AgentifyEvent } from '../../../src/events/types';
import { DynamoDbPollingService } from '../../../src/polling/dynamoDbPollingService';
import { RunSession } from '../../../src/run/runSession';
import { LocalTable, createLocalTable, uniqueTableName } from '../../support/localTable';
import { FakeClock } from '../../unit/polling/fakeClock';
import { T0, configFor, makeEvent, putEvents } from '../polling/pollingHarness';

describe('RunSession with the table and stdout', () => {
  let table: LocalTable;
  beforeAll(async () => {
    table = await createLocalTable('session');
  });
  afterAll(() => table.factory.dispose());

  function sessionFor(workflowId: string, tableName: string, drain = { drainMs: 0, maxDrainMs: 0 }) {
    const clock = new FakeClock();
    let poller!: DynamoDbPollingService;
    const session = new RunSession(
      { workflowId, traceId: 't'.repeat(32), prompt: 'p', startedAt: T0 },
      {
        stdoutEvents: true,
        timeoutSeconds: 0,
        clock,
        tableName: () => tableName,
        readTable: (id, gaps) => {
          poller = new DynamoDbPollingService(table.factory, configFor(tableName), { clock, gaps, ...drain });
          poller.startPolling(id);
          return poller;
        },
      },
    );
    const got: AgentifyEvent[] = [];
    session.onDidReceiveEvent((e) => got.push(e));
    return { session, poller, got, clock };
  }

  it('delivers each event once across stdout and the table, with the table filling gaps in order', async () => {
    const wf = `wf-${randomBytes(4).toString('hex')}`;
    const { session, poller, got } = sessionFor(wf, table.tableName);
    const events = [
      makeEvent(wf, T0, 'workflow_start'),
      makeEvent(wf, T0 + 10, 'agent_start'),
      makeEvent(wf, T0 + 20, 'agent_end'),
      makeEvent(wf, T0 + 30, 'workflow_complete'),
    ];
    await poller.pollNow();
    // stdout shows the first and last lines; the middle two only reach the table.
    session.acceptStdoutLine(JSON.stringify({ agentify: 1, event: events[0] }));
    session.acceptStdoutLine('user print');
    session.acceptStdoutLine(JSON.stringify({ agentify: 1, event: events[3] }));
    await putEvents(table.factory, table.tableName, events);
    await poller.pollNow();
    expect(got.map((e) => e.timestamp - T0)).toEqual([0, 30, 10, 20]);
    expect(session.snapshot().map((e) => e.timestamp - T0)).toEqual([0, 10, 20, 30]);
    // The terminal event ended the poller's run (finish with no drain time).
    await poller.pollNow();
    expect(poller.isPolling()).toBe(false);
    session.dispose();
  });

  it('fills a hole in a producer’s stdout from the table, and says which events neither source had', async () => {
    const wf = `wf-${randomBytes(4).toString('hex')}`;
    const { session, poller, got, clock } = sessionFor(wf, table.tableName, { drainMs: 1000, maxDrainMs: 3000 });
    const seq = (n: number, type: AgentifyEvent['event_type'] = 'log') => ({
      ...makeEvent(wf, T0 + n, type),
      producer_id: 'p-1',
      seq: n,
    });
    const messages: string[] = [];
    session.onDidError((e) => messages.push(`${e.code}: ${e.message}`));
    await poller.pollNow();
    // stdout lost seq 2 and 4 (a crashed pipe, say); the table has 2 but never got 4.
    for (const n of [1, 3]) session.acceptStdoutLine(JSON.stringify({ agentify: 1, event: seq(n) }));
    await putEvents(table.factory, table.tableName, [seq(1), seq(2), seq(3), seq(5, 'workflow_complete')]);
    session.acceptStdoutLine(JSON.stringify({ agentify: 1, event: seq(5, 'workflow_complete') }));
    while (poller.isPolling()) {
      await clock.fireNext();
      await poller.pollNow();
    }
    expect(got.map((e) => e.seq)).toEqual([1, 3, 5, 2]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(
      `EventsMissing: 1 event of producer p-1 (seq 4) was not found in ${table.tableName} or on stdout`,
    );
    session.dispose();
  });

  it('forwards the missing table error from the poller', async () => {
    const { session, poller } = sessionFor('wf-x', uniqueTableName('absent'));
    const errors: string[] = [];
    session.onDidError((e) => errors.push(e.code));
    await poller.pollNow();
    expect(errors).toEqual(['TableNotFound']);
    session.dispose();
  });
});
