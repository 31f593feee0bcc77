/**
 * How the polling service meets failures. The local server cannot throttle, fail with a 5xx or
 * drop a connection, so a fault proxy sits between the client and it; the clock is fake so the
 * backoff delays are read, not waited for. Clients through the proxy make one attempt per request
 * so the service's own backoff is what retries.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { AwsClientFactory } from '../../../src/aws/clientFactory';
import type { AgentifyError } from '../../../src/common/errors';
import { FaultProxy, startFaultProxy } from '../../support/faultProxy';
import { LocalTable, createLocalTable, localSettings, uniqueTableName } from '../../support/localTable';
import { T0, makeEvent, pollerFor, putEvents } from './pollingHarness';

const wfId = () => `wf-${randomBytes(4).toString('hex')}`;

describe('DynamoDbPollingService under faults', () => {
  let table: LocalTable;
  let proxy: FaultProxy;
  let proxied: AwsClientFactory;
  beforeAll(async () => {
    table = await createLocalTable('polling-faults');
  });
  afterAll(() => table.factory.dispose());
  afterEach(async () => {
    proxied?.dispose();
    await proxy?.close();
  });

  async function throughProxy() {
    proxy = await startFaultProxy(table.endpoint);
    proxied = new AwsClientFactory(() => ({ ...localSettings(proxy.url), maxAttempts: 1 }));
    return proxied;
  }

  it('backs off 1, 2, 4, 8, 16, 30, 30 s while throttled and returns to 500 ms after a success', async () => {
    const wf = wfId();
    const clients = await throughProxy();
    await putEvents(table.factory, table.tableName, [makeEvent(wf, T0)]);
    const { service, clock, received } = pollerFor(clients, table.tableName);
    proxy.setPersistent({ kind: 'throttle' });
    service.startPolling(wf);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      // Read the delay once the failed poll has scheduled it, then let that timer fire.
      delays.push(await clock.nextTimer());
      if (i < 6) await clock.fireNext();
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    proxy.setPersistent(undefined);
    await clock.fireNext();
    await service.pollNow();
    expect(received.map((e) => e.timestamp)).toEqual([T0]);
    expect(await clock.nextTimer()).toBe(500);
    // The count starts over: the next failure waits 1 s again.
    proxy.inject({ kind: 'throttle' });
    await clock.fireNext();
    await service.pollNow();
    expect(await clock.nextTimer()).toBe(1000);
    service.dispose();
  });

  it('loses nothing through dropped connections, 5xx answers, throttling and slow responses', async () => {
    const wf = wfId();
    const clients = await throughProxy();
    const { service, clock, received, logs } = pollerFor(clients, table.tableName);
    const expected: number[] = [];
    service.startPolling(wf);
    await service.pollNow();
    const faults = [
      { kind: 'drop' },
      { kind: 'serverError' },
      { kind: 'throttle' },
      { kind: 'delay', ms: 50 },
    ] as const;
    for (let round = 0; round < faults.length; round++) {
      const batch = Array.from({ length: 30 }, (_, i) => makeEvent(wf, T0 + round * 100 + i));
      await putEvents(table.factory, table.tableName, batch);
      expected.push(...batch.map((e) => e.timestamp));
      proxy.inject(faults[round], 2);
      for (let i = 0; i < 4; i++) {
        await clock.fireNext();
        await service.pollNow();
      }
    }
    await putEvents(table.factory, table.tableName, [makeEvent(wf, T0 + 1000, 'workflow_complete', { status: 'ok' })]);
    expected.push(T0 + 1000);
    await clock.fireNext();
    await service.pollNow();
    // The session saw the terminal event: the drain, then the end.
    service.finish();
    while (service.isPolling()) {
      await clock.fireNext();
      await service.pollNow();
    }
    expect(received.map((e) => e.timestamp)).toEqual(expected);
    expect(proxy.stats.faulted).toBe(8);
    expect(logs.filter((l) => l.includes('retrying'))).toHaveLength(6);
    service.dispose();
  });

  it('stops and reports the missing table with how to create it', async () => {
    const name = uniqueTableName('absent');
    const { service, clock, stops } = pollerFor(table.factory, name);
    const errors: AgentifyError[] = [];
    service.onError((e) => errors.push(e));
    service.startPolling(wfId());
    await service.pollNow();
    expect(service.isPolling()).toBe(false);
    expect(stops).toEqual(['error']);
    expect(clock.pending).toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('TableNotFound');
    expect(errors[0].message).toContain(`"${name}" does not exist`);
    expect(errors[0].message).toContain('aws cloudformation deploy');
    service.dispose();
  });

  it('reports the local endpoint’s hint when told where it was looking', async () => {
    const name = uniqueTableName('absent');
    const { service } = pollerFor(table.factory, name, {
      errorContext: () => ({ tableName: name, region: 'us-east-1', endpoint: table.endpoint }),
    });
    const errors: AgentifyError[] = [];
    service.onError((e) => errors.push(e));
    service.startPolling(wfId());
    await service.pollNow();
    expect(errors[0].message).toContain('Start Local DynamoDB');
    service.dispose();
  });
});
