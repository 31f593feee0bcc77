/**
 * DynamoDbPollingService against the real local DynamoDB server. Time is a fake clock: the
 * service's timers fire when a test says so, and each poll is a real Query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { AwsClients } from '../../../src/aws/clientFactory';
import { LocalTable, createLocalTable } from '../../support/localTable';
import { T0, makeEvent, pollerFor, putEvents } from './pollingHarness';

const wfId = () => `wf-${randomBytes(4).toString('hex')}`;

describe('DynamoDbPollingService on the local server', () => {
  let table: LocalTable;
  beforeAll(async () => {
    table = await createLocalTable('polling');
  });
  afterAll(() => table.factory.dispose());

  it('delivers a run’s events in timestamp order and polls again after 500 ms', async () => {
    const wf = wfId();
    await putEvents(table.factory, table.tableName, [
      makeEvent(wf, T0 + 2),
      makeEvent(wf, T0, 'workflow_start'),
      makeEvent(wf, T0 + 1),
      makeEvent('other-run', T0 + 3),
    ]);
    const { service, clock, received } = pollerFor(table.factory, table.tableName);
    service.startPolling(wf);
    expect(service.isPolling()).toBe(true);
    expect(service.getCurrentWorkflowId()).toBe(wf);
    await service.pollNow();
    expect(received.map((e) => e.timestamp)).toEqual([T0, T0 + 1, T0 + 2]);
    expect(await clock.nextTimer()).toBe(500);

    await putEvents(table.factory, table.tableName, [makeEvent(wf, T0 + 10)]);
    await clock.fireNext();
    await service.pollNow();
    expect(received.map((e) => e.timestamp)).toEqual([T0, T0 + 1, T0 + 2, T0 + 10]);
    service.dispose();
  });

  it('starts polls 500 ms apart: the time a Query took counts towards the interval', async () => {
    const wf = wfId();
    await putEvents(table.factory, table.tableName, [makeEvent(wf, T0, 'workflow_start')]);
    // The real client, on a clock that moves 200 ms while each Query runs (a slow server).
    let advance = (): void => undefined;
    const slow: AwsClients = {
      client: (clientClass, target) => table.factory.client(clientClass, target),
      async documentClient() {
        const doc = await table.factory.documentClient();
        return new Proxy(doc, {
          get: (target, prop, receiver) =>
            prop === 'send'
              ? async (...args: Parameters<typeof doc.send>) => {
                  const out = await target.send(...args);
                  advance();
                  return out;
                }
              : Reflect.get(target, prop, receiver),
        });
      },
    };
    const { service, clock, received } = pollerFor(slow, table.tableName);
    advance = () => (clock.time += 200);
    service.startPolling(wf);
    await service.pollNow();
    expect(received).toHaveLength(1);
    expect(await clock.nextTimer()).toBe(300);
    service.dispose();
  });

  it('delivers each event once although every query reaches back over the lookback window', async () => {
    const wf = wfId();
    await putEvents(table.factory, table.tableName, [makeEvent(wf, T0), makeEvent(wf, T0 + 100)]);
    const { service, clock, received } = pollerFor(table.factory, table.tableName);
    service.startPolling(wf);
    for (let i = 0; i < 4; i++) {
      await service.pollNow();
      await clock.fireNext();
    }
    await service.pollNow();
    expect(received.map((e) => e.timestamp)).toEqual([T0, T0 + 100]);
    service.dispose();
  });

  it('delivers an item whose older timestamp lands after newer ones were read', async () => {
    const wf = wfId();
    await putEvents(table.factory, table.tableName, [
      makeEvent(wf, T0),
      makeEvent(wf, T0 + 1000),
      makeEvent(wf, T0 + 2000),
    ]);
    const { service, clock, received } = pollerFor(table.factory, table.tableName);
    service.startPolling(wf);
    await service.pollNow();
    expect(received).toHaveLength(3);
    await putEvents(table.factory, table.tableName, [makeEvent(wf, T0 + 1500)]);
    // Polls between catch-ups read only newer items; the catch-up 2 s after the last one finds it.
    for (let i = 0; i < 3; i++) {
      await clock.fireNext();
      await service.pollNow();
    }
    expect(received).toHaveLength(3);
    await clock.fireNext();
    await service.pollNow();
    expect(received.map((e) => e.timestamp)).toEqual([T0, T0 + 1000, T0 + 2000, T0 + 1500]);
    service.dispose();
  });

  it('follows LastEvaluatedKey through more than 1 MB of one run’s events', async () => {
    const wf = wfId();
    const filler = 'x'.repeat(4000);
    const items = Array.from({ length: 400 }, (_, i) => makeEvent(wf, T0 + i, 'agent_stream', { chunk: filler, n: i }));
    await putEvents(table.factory, table.tableName, items);
    const { service, received } = pollerFor(table.factory, table.tableName);
    service.startPolling(wf);
    await service.pollNow();
    expect(items.length * filler.length).toBeGreaterThan(1024 * 1024);
    expect(received).toHaveLength(400);
    expect(received.map((e) => e.payload.n)).toEqual(items.map((_, i) => i));
    service.dispose();
  });

  it('keeps polling for the drain time after finish(), delivers what lands then, and stops', async () => {
    const wf = wfId();
    await putEvents(table.factory, table.tableName, [
      makeEvent(wf, T0, 'workflow_start'),
      makeEvent(wf, T0 + 50, 'workflow_complete', { result: 'done', status: 'ok' }),
    ]);
    const { service, clock, received, stops } = pollerFor(table.factory, table.tableName, { drainMs: 2000 });
    service.startPolling(wf);
    await service.pollNow();
    expect(received.map((e) => e.event_type)).toEqual(['workflow_start', 'workflow_complete']);
    // The session saw the terminal event and says the run is over.
    service.finish();
    // The writer's queue flushes an event from just before the end after the end was read.
    await putEvents(table.factory, table.tableName, [makeEvent(wf, T0 + 49, 'agent_end', { status: 'completed' })]);
    let polls = 0;
    while (service.isPolling()) {
      await clock.fireNext();
      await service.pollNow();
      polls++;
    }
    expect(received.map((e) => e.timestamp)).toEqual([T0, T0 + 50, T0 + 49]);
    expect(polls).toBe(4);
    expect(stops).toEqual(['finished']);
    expect(clock.pending).toBe(0);
    service.dispose();
  });

  it('reads once more and stops at finish() with no drain time; a terminal event alone does not stop it', async () => {
    const wf = wfId();
    await putEvents(table.factory, table.tableName, [
      makeEvent(wf, T0, 'workflow_error', { error: { type: 'ValueError', message: 'boom' }, status: 'error' }),
    ]);
    const { service, clock, received, stops } = pollerFor(table.factory, table.tableName, { drainMs: 0 });
    service.startPolling(wf);
    await service.pollNow();
    expect(received).toHaveLength(1);
    expect(service.isPolling()).toBe(true);
    service.finish();
    await service.pollNow();
    expect(service.isPolling()).toBe(false);
    expect(stops).toEqual(['finished']);
    expect(clock.pending).toBe(0);
    service.dispose();
  });

  it('a new startPolling stops the old run and polls the new one from its first event', async () => {
    const a = wfId();
    const b = wfId();
    await putEvents(table.factory, table.tableName, [makeEvent(a, T0), makeEvent(b, T0)]);
    const { service, clock, stops } = pollerFor(table.factory, table.tableName);
    const read: string[] = [];
    service.onEvents((events) => read.push(...events.map((e) => e.workflow_id)));
    service.startPolling(a);
    await service.pollNow();
    service.startPolling(b);
    await service.pollNow();
    expect(stops).toEqual(['stopped']);
    expect(read).toEqual([a, b]);
    service.startPolling(a);
    await service.pollNow();
    expect(read).toEqual([a, b, a]);
    expect(clock.pending).toBe(1);
    service.stopPolling();
    expect(service.isPolling()).toBe(false);
    expect(service.getCurrentWorkflowId()).toBeUndefined();
    expect(clock.pending).toBe(0);
    service.dispose();
  });

  it('shares a tick in flight instead of starting a second query', async () => {
    const wf = wfId();
    const { service } = pollerFor(table.factory, table.tableName);
    service.startPolling(wf);
    const first = service.pollNow();
    expect(service.pollNow()).toBe(first);
    await first;
    service.dispose();
  });

  it('drops malformed items, logs once and counts the rest', async () => {
    const wf = wfId();
    await putEvents(table.factory, table.tableName, [
      { workflow_id: wf, timestamp: T0, event_type: 'not_a_type', payload: {} },
      { workflow_id: wf, timestamp: T0 + 1, event_type: 'log' },
      makeEvent(wf, T0 + 2),
    ]);
    const { service, received, logs } = pollerFor(table.factory, table.tableName);
    service.startPolling(wf);
    await service.pollNow();
    expect(received.map((e) => e.timestamp)).toEqual([T0 + 2]);
    expect(logs.filter((l) => l.includes('malformed'))).toHaveLength(1);
    expect(service.stats.malformed).toBe(2);
    service.stopPolling();
    expect(logs.filter((l) => l.includes('Skipped 2 malformed'))).toHaveLength(1);
    service.dispose();
  });
});
