/**
 * Gap-aware polling against the local server: events carry `producer_id` / `seq`, so a hole in a
 * producer's sequence is known, and the poller reads the hole's time range however old it is; after
 * the run it drains while a gap remains (bounded), reads the whole run once more, and finishes.
 * Counts are exact: expected, delivered and doubled are all printed on a failure. The clock is fake;
 * an outage is a fault proxy that drops every connection (the local server cannot be made to).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { AwsClientFactory } from '../../../src/aws/clientFactory';
import type { AgentifyEvent } from '../../../src/events/types';
import { FaultProxy, startFaultProxy } from '../../support/faultProxy';
import { LocalTable, createLocalTable, localSettings } from '../../support/localTable';
import { T0, makeEvent, pollerFor, putEvents } from './pollingHarness';

const wfId = () => `wf-${randomBytes(4).toString('hex')}`;

/** Event `seq` of producer `producer`, at `T0 + offsetMs` (a fraction tells producers apart). */
function produced(wf: string, producer: string, seq: number, offsetMs: number, slot = 0): AgentifyEvent {
  return { ...makeEvent(wf, T0 + offsetMs + slot / 1000), producer_id: producer, seq };
}

/** Expected vs delivered vs doubled, so a failure says which way it went wrong. */
function tally(expected: readonly AgentifyEvent[], delivered: readonly AgentifyEvent[]) {
  const key = (e: AgentifyEvent) => `${e.producer_id}:${e.seq}`;
  const seen = new Map<string, number>();
  for (const e of delivered) seen.set(key(e), (seen.get(key(e)) ?? 0) + 1);
  return {
    expected: expected.length,
    delivered: seen.size,
    missing: expected.filter((e) => !seen.has(key(e))).map(key),
    doubled: [...seen].filter(([, n]) => n > 1).map(([k]) => k),
  };
}

describe('DynamoDbPollingService chasing gaps', () => {
  let table: LocalTable;
  let proxy: FaultProxy | undefined;
  let proxied: AwsClientFactory | undefined;
  beforeAll(async () => {
    table = await createLocalTable('polling-gaps');
  });
  afterAll(() => table.factory.dispose());
  afterEach(async () => {
    proxied?.dispose();
    await proxy?.close();
    proxy = proxied = undefined;
  });

  async function ticks(clock: { fireNext(): Promise<number> }, service: { pollNow(): Promise<void> }, n: number) {
    for (let i = 0; i < n; i++) {
      await clock.fireNext();
      await service.pollNow();
    }
  }

  it('delivers an event written 60 s late with a timestamp far below the lookback window', async () => {
    const wf = wfId();
    const { service, clock, received, sequences } = pollerFor(table.factory, table.tableName);
    const early = [produced(wf, 'p-1', 1, 0), produced(wf, 'p-1', 2, 1)];
    const late = produced(wf, 'p-1', 3, 2);
    const after = [produced(wf, 'p-1', 4, 60_000), produced(wf, 'p-1', 5, 60_001)];
    await putEvents(table.factory, table.tableName, [...early, ...after]);
    service.startPolling(wf);
    await service.pollNow();
    expect(sequences.gaps()).toEqual([
      {
        producerId: 'p-1',
        fromSeq: 3,
        toSeq: 3,
        afterTimestamp: early[1].timestamp,
        beforeTimestamp: after[0].timestamp,
      },
    ]);
    // A minute of polling later the missing write lands, 60 s older than the newest event.
    await ticks(clock, service, 120);
    await putEvents(table.factory, table.tableName, [late]);
    await ticks(clock, service, 4);
    const counts = tally([...early, late, ...after], received);
    expect(counts).toEqual({ expected: 5, delivered: 5, missing: [], doubled: [] });
    expect(received.at(-1)).toEqual(late);
    expect(sequences.gaps()).toEqual([]);
    service.dispose();
  });

  it('reads the whole run again after the drain: an event without a seq below the lookback is delivered', async () => {
    const wf = wfId();
    const { service, clock, received, stops } = pollerFor(table.factory, table.tableName, { drainMs: 1000 });
    let finished = 0;
    service.onDidFinish(() => finished++);
    await putEvents(table.factory, table.tableName, [
      makeEvent(wf, T0),
      makeEvent(wf, T0 + 60_000, 'workflow_complete'),
    ]);
    service.startPolling(wf);
    await service.pollNow();
    // Written by another tool (no producer_id / seq), landing late and far below the newest event.
    await putEvents(table.factory, table.tableName, [makeEvent(wf, T0 + 5)]);
    service.finish();
    while (service.isPolling()) await ticks(clock, service, 1);
    expect(received.map((e) => e.timestamp - T0)).toEqual([0, 60_000, 5]);
    expect(stops).toEqual(['finished']);
    expect(finished).toBe(1);
    service.dispose();
  });

  it('drains while a gap remains, at most maxDrainMs, then finishes with the gap still known', async () => {
    const wf = wfId();
    const { service, clock, received, stops, sequences } = pollerFor(table.factory, table.tableName, {
      drainMs: 1000,
      maxDrainMs: 5000,
    });
    let finished = 0;
    service.onDidFinish(() => finished++);
    await putEvents(table.factory, table.tableName, [produced(wf, 'p-1', 1, 0), produced(wf, 'p-1', 3, 2)]);
    service.startPolling(wf);
    await service.pollNow();
    const start = clock.now();
    service.finish();
    let polls = 0;
    while (service.isPolling() && polls < 100) {
      await ticks(clock, service, 1);
      polls++;
    }
    expect(service.isPolling()).toBe(false);
    expect(clock.now() - start).toBeGreaterThanOrEqual(5000);
    // 500 ms apart for 5 s: about ten polls, not a hundred.
    expect(polls).toBeLessThan(15);
    expect(stops).toEqual(['finished']);
    expect(finished).toBe(1);
    expect(received).toHaveLength(2);
    expect(sequences.gaps()).toMatchObject([{ producerId: 'p-1', fromSeq: 2, toSeq: 2 }]);
    expect(clock.pending).toBe(0);
    service.dispose();
  });

  it('stops draining without a gap once drainMs has passed', async () => {
    const wf = wfId();
    const { service, clock, stops } = pollerFor(table.factory, table.tableName, { drainMs: 1000, maxDrainMs: 60_000 });
    await putEvents(table.factory, table.tableName, [produced(wf, 'p-1', 1, 0), produced(wf, 'p-1', 2, 1)]);
    service.startPolling(wf);
    await service.pollNow();
    const start = clock.now();
    service.finish();
    while (service.isPolling()) await ticks(clock, service, 1);
    expect(clock.now() - start).toBeLessThan(2000);
    expect(stops).toEqual(['finished']);
    service.dispose();
  });

  it('after an outage of the table, delivers a backlog that lands out of order, each event once', async () => {
    const wf = wfId();
    proxy = await startFaultProxy(table.endpoint);
    proxied = new AwsClientFactory(() => ({ ...localSettings(proxy!.url), maxAttempts: 1 }));
    const { service, clock, received } = pollerFor(proxied, table.tableName);
    // Two producers write into one run; the second's timestamps carry its slot in the fraction.
    const all = Array.from({ length: 40 }, (_, i) =>
      produced(wf, i % 2 ? 'p-b' : 'p-a', Math.floor(i / 2) + 1, i * 1000, i % 2),
    );
    await putEvents(table.factory, table.tableName, all.slice(0, 10));
    service.startPolling(wf);
    await service.pollNow();
    // The table is unreachable: every connection is dropped for 31 s of backoff.
    proxy.setPersistent({ kind: 'drop' });
    await ticks(clock, service, 5);
    expect(clock.scheduled.slice(-5)).toEqual([1000, 2000, 4000, 8000, 16_000]);
    // The writers' backlog lands after recovery, newest first: the oldest part lands last.
    await putEvents(table.factory, table.tableName, all.slice(25));
    proxy.setPersistent(undefined);
    await ticks(clock, service, 2);
    await putEvents(table.factory, table.tableName, all.slice(10, 25));
    await ticks(clock, service, 6);
    expect(tally(all, received)).toEqual({ expected: 40, delivered: 40, missing: [], doubled: [] });
    expect(received).toHaveLength(40);
    service.dispose();
  });
});
