/** Reading past runs back from a real events table on the local DynamoDB server. */
import { BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsClientFactory } from '../../../src/aws/clientFactory';
import type { AgentifyEvent } from '../../../src/events/types';
import { RunEventsLoader } from '../../../src/history/runEventsLoader';
import { LocalTable, createLocalTable, localSettings, uniqueTableName } from '../../support/localTable';

// The loader's clock runs a week ahead of the real one: items it must treat as expired are still
// in the future for the server, whose own TTL sweep could otherwise delete them mid-test.
const NOW = (Math.floor(Date.now() / 86_400_000) + 7) * 86_400_000;

async function put(table: LocalTable, events: AgentifyEvent[]): Promise<void> {
  const client = await table.factory.documentClient();
  for (let i = 0; i < events.length; i += 25) {
    let request: BatchWriteCommandInput['RequestItems'] = {
      [table.tableName]: events.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (request && Object.keys(request).length > 0) {
      request = (await client.send(new BatchWriteCommand({ RequestItems: request }))).UnprocessedItems;
    }
  }
}

const event = (workflowId: string, i: number, ttl = NOW / 1000 + 86_400): AgentifyEvent => ({
  workflow_id: workflowId,
  timestamp: NOW - 10_000 + i,
  event_type: i === 0 ? 'workflow_start' : 'log',
  agent_name: 'planner',
  payload: { message: `event ${i}`, nested: { list: [1, 2, 3] } },
  ttl,
});

describe('RunEventsLoader against the local DynamoDB server', () => {
  let table: LocalTable;
  beforeAll(async () => {
    table = await createLocalTable('history');
  });
  afterAll(() => table?.factory.dispose());

  const loader = (pageSize?: number) =>
    new RunEventsLoader({ clients: table.factory, tableName: () => table.tableName, now: () => NOW, pageSize });

  it('reads every page of a run, in timestamp order, and nothing of other runs', async () => {
    await put(table, [...Array.from({ length: 57 }, (_, i) => event('wf-many', 56 - i)), event('wf-other', 1)]);
    const loaded = await loader(10).load('wf-many');
    expect(loaded.expired).toBe(false);
    expect(loaded.events).toHaveLength(57);
    expect(loaded.events.map((e) => e.timestamp)).toEqual(
      [...loaded.events.map((e) => e.timestamp)].sort((a, b) => a - b),
    );
    expect(loaded.events[0]).toEqual(event('wf-many', 0));
  });

  it('says a run has expired when the table holds nothing of it and it is older than the events live', async () => {
    expect(await loader().load('wf-never-written', NOW - 86_400_000)).toEqual({ events: [], expired: true });
    const threeDays = new RunEventsLoader({
      clients: table.factory,
      tableName: () => table.tableName,
      now: () => NOW,
      ttlDays: () => 3,
    });
    expect(await threeDays.load('wf-never-written', NOW - 3 * 86_400_000 - 1)).toEqual({ events: [], expired: true });
  });

  it('says a recent run the table does not hold was written to another table or endpoint, naming both', async () => {
    const where = (endpoint: string, ttlDays?: () => number) =>
      new RunEventsLoader({
        clients: table.factory,
        tableName: () => table.tableName,
        region: () => 'eu-west-1',
        endpoint: () => endpoint,
        now: () => NOW,
        ttlDays,
      });
    const recent = await where('local')
      .load('wf-elsewhere', NOW - 60_000)
      .catch((e) => e);
    expect(recent).toMatchObject({ code: 'RunNotInTable' });
    expect(recent.message).toContain(`not in the table "${table.tableName}" on the embedded DynamoDB Local`);
    expect(recent.message).toContain('too recently to have expired (events are kept 1 day)');
    expect(recent.message).toContain('agentify.dynamodb.endpoint');
    const aws = await where('', () => 3)
      .load('wf-elsewhere', NOW - 2 * 86_400_000)
      .catch((e) => e);
    expect(aws.message).toContain('on AWS (region eu-west-1)');
    expect(aws.message).toContain('events are kept 3 days');
    const unknown = await where('http://127.0.0.1:9')
      .load('wf-elsewhere')
      .catch((e) => e);
    expect(unknown).toMatchObject({ code: 'RunNotInTable' });
    expect(unknown.message).toContain(
      'on http://127.0.0.1:9. Either it was written to another table or endpoint, or its events have expired',
    );
  });

  it('treats items whose ttl has passed as gone (DynamoDB deletes them lazily)', async () => {
    await put(table, [event('wf-old', 0, NOW / 1000 - 60), event('wf-old', 1, NOW / 1000 - 1)]);
    await put(table, [event('wf-half', 0, NOW / 1000 - 60), event('wf-half', 1)]);
    expect(await loader().load('wf-old')).toEqual({ events: [], expired: true });
    const half = await loader().load('wf-half');
    expect(half.expired).toBe(false);
    expect(half.events.map((e) => e.payload.message)).toEqual(['event 1']);
  });

  it('reports a missing table with the words users see elsewhere', async () => {
    const factory = new AwsClientFactory(() => localSettings(table.endpoint));
    const missing = uniqueTableName('absent');
    const err = await new RunEventsLoader({ clients: factory, tableName: () => missing, region: () => 'us-east-1' })
      .load('wf-1')
      .catch((e) => e);
    expect(err).toMatchObject({ code: 'TableNotFound' });
    expect(err.message).toContain(missing);
    factory.dispose();
  });
});
