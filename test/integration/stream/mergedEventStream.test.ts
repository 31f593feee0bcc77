/**
 * The merged stream with the real poller on the local server and the real parser: an event that
 * arrives on stdout and then from the table is delivered once, and the table fills in what stdout
 * missed, in timestamp order. The poller's clock is fake so polls happen when the test says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { DynamoDbPollingService } from '../../../src/polling/dynamoDbPollingService';
import { MergedEventStream } from '../../../src/stream/mergedEventStream';
import { StdoutEventParser } from '../../../src/stream/stdoutEventParser';
import type { StreamedEvent } from '../../../src/stream/types';
import { LocalTable, createLocalTable, uniqueTableName } from '../../support/localTable';
import { FakeClock } from '../../unit/polling/fakeClock';
import { T0, configFor, makeEvent, putEvents } from '../polling/pollingHarness';

describe('MergedEventStream with the table and stdout', () => {
  let table: LocalTable;
  beforeAll(async () => {
    table = await createLocalTable('stream');
  });
  afterAll(() => table.factory.dispose());

  function streamFor(tableName: string) {
    const clock = new FakeClock();
    const poller = new DynamoDbPollingService(table.factory, configFor(tableName), { clock, drainMs: 0 });
    const stream = new MergedEventStream(poller, new StdoutEventParser());
    const got: StreamedEvent[] = [];
    stream.onDidReceiveEvent((e) => got.push(e));
    return { clock, poller, stream, got };
  }

  it('delivers each event once across stdout and the table, ordered, with the table filling gaps', async () => {
    const wf = `wf-${randomBytes(4).toString('hex')}`;
    const { poller, stream, got } = streamFor(table.tableName);
    const events = [makeEvent(wf, T0, 'workflow_start'), makeEvent(wf, T0 + 10, 'agent_start'), makeEvent(wf, T0 + 20, 'agent_end'), makeEvent(wf, T0 + 30, 'workflow_complete')];
    stream.startRun(wf);
    await poller.pollNow();
    // stdout shows the first and last lines; the middle two only reach the table.
    stream.acceptStdoutLine(JSON.stringify({ agentify: 1, event: events[0] }));
    stream.acceptStdoutLine('user print');
    stream.acceptStdoutLine(JSON.stringify({ agentify: 1, event: events[3] }));
    await putEvents(table.factory, table.tableName, events);
    await poller.pollNow();
    expect(got.map((g) => [g.event.timestamp - T0, g.source, g.index, g.late])).toEqual([
      [0, 'stdout', 0, false],
      [30, 'stdout', 1, false],
      [10, 'table', 1, true],
      [20, 'table', 2, true],
    ]);
    expect(stream.snapshot().map((e) => e.timestamp - T0)).toEqual([0, 10, 20, 30]);
    expect(poller.isPolling()).toBe(false);
    stream.dispose();
    poller.dispose();
  });

  it('forwards the missing table error from the poller', async () => {
    const { poller, stream } = streamFor(uniqueTableName('absent'));
    const errors: string[] = [];
    stream.onDidError((e) => errors.push(e.code));
    stream.startRun('wf-x');
    await poller.pollNow();
    expect(errors).toEqual(['TableNotFound']);
    stream.dispose();
    poller.dispose();
  });
});
