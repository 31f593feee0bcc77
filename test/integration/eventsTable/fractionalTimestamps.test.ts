/**
 * Producer timestamps carry the writer slot as a fraction (ms + slot/1000). The Python writer
 * stores repr() of the number as the sort key's decimal and prints the same number on stdout; this
 * checks, against the local DynamoDB server through lib-dynamodb, that a JavaScript reader gets a
 * number whose text, dedup key and order are exactly the producer's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { eventKey } from '../../../src/events/types';
import { LocalTable, createLocalTable } from '../../support/localTable';
import { dynamoDbClient } from '../../../src/aws/clientFactory';

/** What Python's repr(ms + slot / 1000) prints: the exact decimal, trailing zeros dropped. */
function pythonRepr(ms: number, slot: number): string {
  return `${ms}.${String(slot).padStart(3, '0')}`.replace(/0+$/, '');
}

const WORKFLOW = 'wf-fraction';
const cases: string[] = [];
for (const ms of [1_795_516_399_100, 1_795_516_399_101, 4_102_444_800_000, 8_700_000_000_000]) {
  for (const slot of [1, 2, 7, 10, 99, 100, 125, 500, 998, 999]) cases.push(pythonRepr(ms, slot));
}

describe('fractional event timestamps through lib-dynamodb', () => {
  let table: LocalTable;
  beforeAll(async () => {
    table = await createLocalTable();
    const client = await dynamoDbClient(table.factory);
    for (let i = 0; i < cases.length; i += 25) {
      const chunk = cases.slice(i, i + 25).map((text) => ({
        PutRequest: {
          Item: {
            workflow_id: { S: WORKFLOW },
            timestamp: { N: text },
            event_type: { S: 'log' },
            payload: { M: {} },
          },
        },
      }));
      await client.send(
        new BatchWriteItemCommand({
          RequestItems: { [table.tableName]: chunk },
        }),
      );
    }
  });
  afterAll(() => table.factory.dispose());

  it('reads back numbers whose text, JSON and dedup key are the producer’s, in order', async () => {
    const doc = await table.factory.documentClient();
    const page = await doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'workflow_id = :w AND #ts >= :zero',
        ExpressionAttributeNames: { '#ts': 'timestamp' },
        ExpressionAttributeValues: { ':w': WORKFLOW, ':zero': 0 },
        ConsistentRead: true,
      }),
    );
    const stamps = (page.Items ?? []).map((item) => item.timestamp as number);
    const expected = [...cases].sort((a, b) => Number(a) - Number(b));
    expect(stamps.map(String)).toEqual(expected);
    expect(stamps.map((ts) => JSON.parse(JSON.stringify(ts)))).toEqual(expected.map((text) => JSON.parse(text)));
    expect(stamps.map((timestamp) => eventKey({ workflow_id: WORKFLOW, timestamp }))).toEqual(
      expected.map((text) => `${WORKFLOW}:${text}`),
    );
    expect(new Set(stamps).size).toBe(cases.length);
  });

  it('pages on past a fractional timestamp without skipping or repeating one', async () => {
    const doc = await table.factory.documentClient();
    const sorted = [...cases].map(Number).sort((a, b) => a - b);
    const after = sorted[17];
    const page = await doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'workflow_id = :w AND #ts > :last',
        ExpressionAttributeNames: { '#ts': 'timestamp' },
        ExpressionAttributeValues: { ':w': WORKFLOW, ':last': after },
        ConsistentRead: true,
      }),
    );
    expect((page.Items ?? []).map((item) => item.timestamp)).toEqual(sorted.slice(18));
  });
});
