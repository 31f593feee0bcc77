/**
 * Several real producer processes (the decorators, real boto3) writing one workflow id at once
 * into DynamoDB Local and printing to their own stdout, all read by one RunSession with the real
 * poller: every event is in the table once, stdout and the table agree on each event's identity,
 * and the session delivers each exactly once, in timestamp order. Counts are exact; expected,
 * delivered and doubled are printed on a failure. The poller's clock is fake, so polls happen when
 * the test says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AgentifyEvent } from '../../../src/events/types';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../src/localDb/localDynamoDb';
import { DynamoDbPollingService } from '../../../src/polling/dynamoDbPollingService';
import { RunSession } from '../../../src/run/runSession';
import { LocalTable, createLocalTable } from '../../support/localTable';
import { FakeClock } from '../../unit/polling/fakeClock';
import { configFor } from '../polling/pollingHarness';
import { DECORATORS, FIXTURES, bounded } from './runHarness';

const PER_PRODUCER = 400;

function runProducer(name: string, env: NodeJS.ProcessEnv, onLine: (line: string) => void): Promise<number | null> {
  const child = spawn('python3', [path.join(FIXTURES, 'tight_producer.py'), name, String(PER_PRODUCER)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  readline.createInterface({ input: child.stdout }).on('line', onLine);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      if (code !== 0) console.error(`producer ${name} failed:\n${stderr}`);
      resolve(code);
    }),
  );
}

async function tableItems(table: LocalTable, workflowId: string): Promise<Record<string, unknown>[]> {
  const doc = await table.factory.documentClient();
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'workflow_id = :w AND #ts > :z',
        ExpressionAttributeNames: { '#ts': 'timestamp' },
        ExpressionAttributeValues: { ':w': workflowId, ':z': 0 },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

const identity = (e: { producer_id?: unknown; seq?: unknown }) => `${e.producer_id}:${e.seq}`;

describe('producer processes sharing one workflow', () => {
  let table: LocalTable;
  beforeAll(async () => {
    table = await createLocalTable('producers');
  });
  afterAll(() => table.factory.dispose());

  for (const producers of [2, 4]) {
    it(`${producers} processes in tight loops: each event once in the table, once and in order live`, async () => {
      const workflowId = `wf-${randomBytes(4).toString('hex')}`;
      const clock = new FakeClock();
      let poller!: DynamoDbPollingService;
      const session = new RunSession(
        { workflowId, traceId: '0'.repeat(32), prompt: 'p', startedAt: Date.now() },
        {
          stdoutEvents: true,
          timeoutSeconds: 0,
          clock,
          readTable: (id, gaps) => {
            poller = new DynamoDbPollingService(table.factory, configFor(table.tableName), {
              clock,
              gaps,
              drainMs: 0,
              maxDrainMs: 0,
            });
            poller.startPolling(id);
            return poller;
          },
        },
      );
      let deliveries = 0;
      session.onDidReceiveEvent(() => deliveries++);
      const printed: AgentifyEvent[] = [];
      const env = {
        ...process.env,
        PYTHONPATH: DECORATORS,
        PYTHONUNBUFFERED: '1',
        AGENTIFY_WORKFLOW_ID: workflowId,
        AGENTIFY_TABLE_NAME: table.tableName,
        AGENTIFY_TABLE_REGION: LOCAL_REGION,
        AGENTIFY_DYNAMODB_ENDPOINT: table.endpoint,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      };
      const codes = await bounded(
        Promise.all(
          Array.from({ length: producers }, (_, i) =>
            runProducer(`p${i}`, env, (line) => {
              const parsed = JSON.parse(line);
              if (parsed.agentify === 1) printed.push(parsed.event);
              session.acceptStdoutLine(line);
            }),
          ),
        ),
        'producers',
        120_000,
      );
      expect(codes).toEqual(Array(producers).fill(0));
      // The table has everything now; a poll and a drain read it into the session.
      await poller.pollNow();
      poller.finish();
      while (poller.isPolling()) {
        await clock.fireNext();
        await poller.pollNow();
      }
      const expected = producers * PER_PRODUCER;
      const items = await tableItems(table, workflowId);
      const held = session.snapshot();
      const counts = {
        expected,
        printed: printed.length,
        inTable: new Set(items.map(identity)).size,
        tableItems: items.length,
        delivered: new Set(held.map(identity)).size,
        deliveries,
      };
      expect(counts).toEqual({
        expected,
        printed: expected,
        inTable: expected,
        tableItems: expected,
        delivered: expected,
        deliveries: expected,
      });
      // stdout and the table agree on every event's identity.
      const tableTimestamp = new Map(items.map((i) => [identity(i), i.timestamp]));
      expect(printed.filter((e) => tableTimestamp.get(identity(e)) !== e.timestamp)).toEqual([]);
      // Ordered by timestamp; each producer's seq runs 1…N without a hole.
      expect(held.map((e) => e.timestamp)).toEqual([...held.map((e) => e.timestamp)].sort((a, b) => a - b));
      for (const producer of new Set(held.map((e) => e.producer_id))) {
        expect(held.filter((e) => e.producer_id === producer).map((e) => e.seq)).toEqual(
          Array.from({ length: PER_PRODUCER }, (_, i) => i + 1),
        );
      }
      session.dispose();
    }, 180_000);
  }
});
