/**
 * The hardened table as the template defines it, created on DynamoDB Local: its keys, indexes,
 * projections, stream and TTL (and the default table without any of them), the features the
 * validator reports, a stream that carries the decorators' writes as INSERT / NEW_IMAGE records
 * (read through the local server's DynamoDB Streams API) with the index keys and the TTL days the
 * extension passes, and TTL as the local server keeps it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { HARDENED_PARAMETERS } from '../../../src/eventsTable/tableDefinition';
import { describeTableFeatures } from '../../../src/eventsTable/tableFeatures';
import { indexSortKey } from '../../../src/eventsTable/indexes';
import { listRuns } from '../../../src/eventsTable/indexQueries';
import { RunEventsLoader } from '../../../src/history/runEventsLoader';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../src/localDb/localDynamoDb';
import { createLocalTable, LocalTable, REPO_ROOT } from '../../support/localTable';
import { dynamoDbClient } from '../../../src/aws/clientFactory';

let hardened: LocalTable;
let plain: LocalTable;

beforeAll(async () => {
  [hardened, plain] = await Promise.all([
    createLocalTable('agentify-hardened', HARDENED_PARAMETERS),
    createLocalTable('agentify-default'),
  ]);
});

afterAll(() => {
  hardened?.factory.dispose();
  plain?.factory.dispose();
});

describe('the hardened table created from the template', () => {
  it('has the keys, both sparse indexes projected ALL, a NEW_IMAGE stream and TTL on ttl', async () => {
    const client = await dynamoDbClient(hardened.factory);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: hardened.tableName }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'workflow_id', KeyType: 'HASH' },
      { AttributeName: 'timestamp', KeyType: 'RANGE' },
    ]);
    const indexes = Table?.GlobalSecondaryIndexes?.map((i) => ({
      name: i.IndexName,
      keys: i.KeySchema?.map((k) => `${k.AttributeName}:${k.KeyType}`),
      projection: i.Projection?.ProjectionType,
    }));
    expect(indexes).toEqual([
      { name: 'EventTypeIndex', keys: ['index_owner:HASH', 'event_type_ts:RANGE'], projection: 'ALL' },
      { name: 'StatusIndex', keys: ['index_owner:HASH', 'status_ts:RANGE'], projection: 'ALL' },
    ]);
    const types = Object.fromEntries(
      (Table?.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]),
    );
    expect(types).toEqual({ workflow_id: 'S', timestamp: 'N', index_owner: 'S', event_type_ts: 'S', status_ts: 'S' });
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: hardened.tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'ttl', TimeToLiveStatus: 'ENABLED' });
  });

  it('the default table has none of the extras: no index, no stream; TTL on ttl as today', async () => {
    const client = await dynamoDbClient(plain.factory);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: plain.tableName }));
    expect(Table?.GlobalSecondaryIndexes).toBeUndefined();
    expect(Table?.StreamSpecification?.StreamEnabled ?? false).toBe(false);
    expect(Table?.AttributeDefinitions?.map((a) => a.AttributeName)).toEqual(['workflow_id', 'timestamp']);
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: plain.tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'ttl', TimeToLiveStatus: 'ENABLED' });
  });

  it('reports its features; PITR is unknown here because DynamoDB Local has no such API', async () => {
    const client = await dynamoDbClient(hardened.factory);
    const features = await describeTableFeatures(client, hardened.tableName);
    expect(features.indexes.map((i) => i.name)).toEqual(['EventTypeIndex', 'StatusIndex']);
    expect(features.stream?.viewType).toBe('NEW_IMAGE');
    expect(features.stream?.arn).toMatch(/\/stream\//);
    expect(features.ttl).toEqual({ attribute: 'ttl', status: 'ENABLED' });
    expect(features.pointInTimeRecovery).toEqual({
      status: 'unknown',
      note: 'this server has no point-in-time recovery (DynamoDB Local)',
    });
    const none = await describeTableFeatures(await dynamoDbClient(plain.factory), plain.tableName);
    expect(none.indexes).toEqual([]);
    expect(none.stream).toBeUndefined();
  });
});

async function streamRecords(tableName: string, expected: number): Promise<_Record[]> {
  const streams = new DynamoDBStreamsClient({
    endpoint: hardened.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const { Streams } = await streams.send(new ListStreamsCommand({ TableName: tableName }));
    const arn = Streams?.[0]?.StreamArn;
    if (!arn) throw new Error(`no stream for ${tableName}`);
    const records: _Record[] = [];
    // Bounded: each round reads every shard once from its start; records are complete once all are seen.
    for (let round = 0; round < 50 && records.length < expected; round++) {
      records.length = 0;
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
      for (const shard of StreamDescription?.Shards ?? []) {
        let iterator = (
          await streams.send(
            new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
          )
        ).ShardIterator;
        for (let page = 0; iterator && page < 100; page++) {
          const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
          records.push(...(out.Records ?? []));
          if (!out.Records?.length) break;
          iterator = out.NextShardIterator;
        }
      }
      if (records.length < expected) await new Promise((r) => setTimeout(r, 100));
    }
    return records;
  } finally {
    streams.destroy();
  }
}

describe('the stream of the hardened table', () => {
  it('carries every item the decorators write as an INSERT record with its NEW_IMAGE', async () => {
    const workflowId = 'wf-stream01';
    const result = spawnSync(
      'python3',
      [path.join(REPO_ROOT, 'test/fixtures/workflows/decorated.py'), '--prompt', 'hello', '--workflow-id', workflowId],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          PYTHONPATH: path.join(REPO_ROOT, 'python-decorators'),
          AGENTIFY_TABLE_NAME: hardened.tableName,
          AGENTIFY_DYNAMODB_ENDPOINT: hardened.endpoint,
          AGENTIFY_TABLE_REGION: LOCAL_REGION,
          AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
          AGENTIFY_OWNER: 'stream-team',
          AGENTIFY_TTL_DAYS: '30',
        },
      },
    );
    expect(result.stderr).not.toMatch(/Traceback/);
    expect(result.status).toBe(0);
    const loader = new RunEventsLoader({ clients: hardened.factory, tableName: () => hardened.tableName });
    const { events } = await loader.load(workflowId);
    const types = events.map((e) => e.event_type);
    expect(types[0]).toBe('workflow_start');
    expect(types).toContain('tool_call');
    expect(types[types.length - 1]).toBe('workflow_complete');

    // Items with a negative sort key are the producer's slot claims, not events.
    const records = (await streamRecords(hardened.tableName, events.length)).filter(
      (r) => r.dynamodb?.Keys?.workflow_id?.S === workflowId && Number(r.dynamodb.Keys.timestamp?.N) >= 0,
    );
    expect(records.map((r) => r.eventName)).toEqual(events.map(() => 'INSERT'));
    expect(records.every((r) => r.dynamodb?.StreamViewType === 'NEW_IMAGE' && r.dynamodb.OldImage === undefined)).toBe(
      true,
    );
    const images = records.map((r) => r.dynamodb!.NewImage!);
    expect(images.map((i) => Number(i.timestamp.N)).sort((a, b) => a - b)).toEqual(events.map((e) => e.timestamp));
    const start = images.find((i) => i.event_type.S === 'workflow_start')!;
    expect(start.payload.M?.input).toBeDefined();
    // TTL per AGENTIFY_TTL_DAYS, and the index keys the sink writes for the owner it was given.
    const days = (Number(start.ttl.N) - Number(start.timestamp.N) / 1000) / 86_400;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    expect(start.index_owner?.S).toBe('stream-team');
    expect(start.event_type_ts?.S).toBe(indexSortKey('workflow_start', Number(start.timestamp.N)));
    const doc = await hardened.factory.documentClient();
    const team = await listRuns(doc, hardened.tableName, { owner: 'stream-team' });
    expect(team.items.map((r) => [r.workflowId, r.status])).toEqual([[workflowId, 'completed']]);
  });
});

describe('TTL on the local server', () => {
  it('keeps an expired item readable (no deletion on time locally); the loader counts it as gone', async () => {
    const doc = await hardened.factory.documentClient();
    const expiredAt = Math.floor(Date.now() / 1000) - 3600;
    const item = {
      workflow_id: 'wf-expired',
      timestamp: 5000,
      event_type: 'log',
      payload: { message: 'old' },
      ttl: expiredAt,
    };
    await doc.send(new PutCommand({ TableName: hardened.tableName, Item: item }));
    const got = await doc.send(
      new GetCommand({
        TableName: hardened.tableName,
        Key: { workflow_id: 'wf-expired', timestamp: 5000 },
        ConsistentRead: true,
      }),
    );
    expect(got.Item?.ttl).toBe(expiredAt);
    const loader = new RunEventsLoader({ clients: hardened.factory, tableName: () => hardened.tableName });
    expect(await loader.load('wf-expired')).toEqual({ events: [], expired: true });
  });
});
