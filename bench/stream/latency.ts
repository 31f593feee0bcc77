/**
 * Emit → delivered latency of the live event stream, p50 / p95, through the table (a producer's
 * PutItem, then the poller's Query every 500 ms, then the run's RunSession) and through stdout (a
 * child process printing envelope lines into a pipe, read line by line into the same stream), at
 * 1, 10 and 100 events/s and for a 10,000-event run; then two producers on one run and an outage
 * of the table, counted exactly (bench/stream/producers.ts). Baselines measured in the same run: the
 * raw PutItem and Query round trips. Starts and stops its own DynamoDB Local. Prints figures; never
 * fails on a time.
 *
 *   npx tsx bench/stream/latency.ts
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import * as readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { PutCommand, QueryCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AwsClientFactory, dynamoDbClient } from '../../src/aws/clientFactory';
import { EventEmitter } from '../../src/common/emitter';
import { resolveConfig } from '../../src/config/agentifyConfig';
import type { AgentifyEvent } from '../../src/events/types';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '../../src/localDb/localDynamoDb';
import { DynamoDbPollingService } from '../../src/polling/dynamoDbPollingService';
import { RunSession } from '../../src/run/runSession';
import { outage, printExactlyOnce, twoProducers } from './producers';
import { ensureEventsTable } from '../../src/eventsTable/createEventsTable';
import { loadTableDefinition } from '../../src/eventsTable/tableDefinition';

// The SDK's notice about future Node versions says nothing about these figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const TARGETS = { tableP95Ms: 600, stdoutP95Ms: 50 };
const TABLE = 'agentify-bench-events';
const RATES = [
  { perSecond: 1, count: 10 },
  { perSecond: 10, count: 50 },
  { perSecond: 100, count: 300 },
];
const BIG_RUN = 10_000;

/** Wall-clock milliseconds with sub-ms resolution, comparable across processes on one machine. */
const nowMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(latencies: number[]) {
  const s = [...latencies].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] };
}

const rows: Array<{
  path: string;
  load: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  target?: number;
  note?: string;
}> = [];
function report(pathName: string, load: string, latencies: number[], target?: number, note?: string) {
  const s = summary(latencies);
  rows.push({ path: pathName, load, ...s, target, note });
  const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;
  const verdict = target ? `  (target p95 ≤ ${target} ms: ${s.p95 <= target ? 'met' : 'missed'})` : '';
  console.log(
    `  ${pathName.padEnd(9)} ${load.padEnd(22)} n=${String(s.n).padStart(5)}  ` +
      `p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}${verdict}${note ? `  ${note}` : ''}`,
  );
}

/** A run session over the table, measuring when each event reaches `onDidReceiveEvent`. */
function liveStream(factory: AwsClientFactory, workflowId: string) {
  const config = {
    current: resolveConfig({ 'dynamodb.tableName': TABLE }, undefined).config,
    onDidChange: new EventEmitter<never>().event,
  };
  let poller!: DynamoDbPollingService;
  const stream = session(workflowId, (id) => {
    poller = new DynamoDbPollingService(factory, config, { drainMs: 1000 });
    poller.startPolling(id);
    return poller;
  });
  const deliveredAt = new Map<number, number>();
  let waiter: { count: number; resolve: () => void } | undefined;
  stream.onDidReceiveEvent((event) => {
    deliveredAt.set(event.timestamp, nowMs());
    if (waiter && deliveredAt.size >= waiter.count) waiter.resolve();
  });
  const waitFor = (count: number, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      if (deliveredAt.size >= count) return resolve();
      const t = setTimeout(() => reject(new Error(`only ${deliveredAt.size} of ${count} events delivered`)), timeoutMs);
      waiter = {
        count,
        resolve: () => {
          clearTimeout(t);
          resolve();
        },
      };
    });
  return { poller, stream, deliveredAt, waitFor };
}

function makeEvent(workflowId: string, timestamp: number, i: number, count: number): AgentifyEvent {
  const eventType =
    i === 0 ? 'workflow_start' : i === count - 1 ? 'workflow_complete' : i % 3 === 0 ? 'agent_stream' : 'log';
  return {
    workflow_id: workflowId,
    timestamp,
    event_type: eventType,
    agent_name: 'writer',
    payload: { message: `event ${i}`, chunk: 'lorem ipsum '.repeat(10) },
    ttl: Math.floor(Date.now() / 1000) + 86_400,
  };
}

/** Unique, increasing timestamps, as the writer guarantees. */
function timestampSource() {
  let last = 0;
  return () => (last = Math.max(Math.floor(Date.now()), last + 1));
}

async function baselines(factory: AwsClientFactory) {
  const doc = await factory.documentClient();
  const wf = 'bench-baseline';
  const put: number[] = [];
  const query: number[] = [];
  const next = timestampSource();
  for (let i = 0; i < 100; i++) {
    const t = nowMs();
    await doc.send(new PutCommand({ TableName: TABLE, Item: makeEvent(wf, next(), 1, 100) }));
    put.push(nowMs() - t);
  }
  for (let i = 0; i < 100; i++) {
    const t = nowMs();
    await doc.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'workflow_id = :w AND #ts > :last',
        ExpressionAttributeNames: { '#ts': 'timestamp' },
        ExpressionAttributeValues: { ':w': wf, ':last': Date.now() - 1000 },
        ConsistentRead: true,
      }),
    );
    query.push(nowMs() - t);
  }
  report('baseline', 'PutItem round trip', put);
  report('baseline', 'Query round trip', query);
}

async function tableAtRate(factory: AwsClientFactory, perSecond: number, count: number) {
  const doc = await factory.documentClient();
  const wf = `bench-table-${perSecond}`;
  const { poller, stream, deliveredAt, waitFor } = liveStream(factory, wf);
  const emittedAt = new Map<number, number>();
  const next = timestampSource();
  const start = nowMs();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - nowMs();
    if (wait > 0) await sleep(wait);
    const ts = next();
    emittedAt.set(ts, nowMs());
    await doc.send(new PutCommand({ TableName: TABLE, Item: makeEvent(wf, ts, i, count) }));
  }
  await waitFor(count, 30_000);
  report(
    'table',
    `${perSecond} events/s`,
    [...emittedAt].map(([ts, t]) => deliveredAt.get(ts)! - t),
    TARGETS.tableP95Ms,
  );
  stream.dispose();
  poller.dispose();
}

async function tableBigRun(factory: AwsClientFactory) {
  const doc = await factory.documentClient();
  const wf = 'bench-table-10k';
  const { poller, stream, deliveredAt, waitFor } = liveStream(factory, wf);
  const emittedAt = new Map<number, number>();
  const next = timestampSource();
  const start = nowMs();
  // As fast as a producer with four concurrent batch writers can go.
  const batches: AgentifyEvent[][] = [];
  for (let i = 0; i < BIG_RUN; i += 25)
    batches.push(Array.from({ length: Math.min(25, BIG_RUN - i) }, (_, k) => makeEvent(wf, next(), i + k, BIG_RUN)));
  const writer = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      const at = nowMs();
      for (const e of batch) emittedAt.set(e.timestamp, at);
      let requests = batch.map((Item) => ({ PutRequest: { Item: Item as unknown as Record<string, unknown> } }));
      while (requests.length) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }));
        requests = (out.UnprocessedItems?.[TABLE] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all([writer(), writer(), writer(), writer()]);
  const written = nowMs();
  await waitFor(BIG_RUN, 120_000);
  const done = nowMs();
  report(
    'table',
    `${BIG_RUN} events, burst`,
    [...emittedAt].map(([ts, t]) => deliveredAt.get(ts)! - t),
    TARGETS.tableP95Ms,
    `(written in ${((written - start) / 1000).toFixed(1)} s, ` +
      `all delivered ${(done - written).toFixed(0)} ms after the last write)`,
  );
  stream.dispose();
  poller.dispose();
}

/** A child process prints envelope lines at a rate; the parent reads its stdout into the stream. */
async function stdoutRun(perSecond: number, count: number) {
  const wf = `bench-stdout-${perSecond}-${count}`;
  const child = `
    const { performance } = require('node:perf_hooks');
    const now = () => performance.timeOrigin + performance.now();
    const [wf, perSecond, count] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
    const base = Date.now();
    let i = 0;
    const start = now();
    function emit() {
      while (i < count && (perSecond === 0 || now() >= start + (i * 1000) / perSecond)) {
        const event_type = i === count - 1 ? 'workflow_complete' : 'log';
        const payload = { message: 'event ' + i, emitted_at: now() };
        const ev = { workflow_id: wf, timestamp: base + i, event_type, payload };
        if (i % 7 === 0) process.stdout.write('an ordinary print ' + i + '\\n');
        const ok = process.stdout.write(JSON.stringify({ agentify: 1, event: ev }) + '\\n');
        i++;
        if (!ok) return process.stdout.once('drain', emit);
      }
      if (i < count) setTimeout(emit, Math.max(0, start + (i * 1000) / perSecond - now()));
    }
    emit();
  `;
  const stream = session(wf);
  const latencies: number[] = [];
  stream.onDidReceiveEvent((event) => latencies.push(nowMs() - (event.payload.emitted_at as number)));
  const proc = spawn(process.execPath, ['-e', child, wf, String(perSecond), String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: proc.stdout!, crlfDelay: Infinity });
  lines.on('line', (line) => stream.acceptStdoutLine(line));
  await new Promise<void>((resolve) => proc.once('close', () => resolve()));
  report('stdout', perSecond ? `${perSecond} events/s` : `${count} events, burst`, latencies, TARGETS.stdoutP95Ms);
  stream.dispose();
}

function session(workflowId: string, readTable?: ConstructorParameters<typeof RunSession>[1]['readTable']): RunSession {
  return new RunSession(
    { workflowId, traceId: '0'.repeat(32), prompt: 'bench', startedAt: Date.now() },
    { stdoutEvents: true, timeoutSeconds: 0, readTable },
  );
}

async function main() {
  console.log('Live event stream latency (emit → onDidReceiveEvent), DynamoDB Local on 127.0.0.1');
  const db = await startLocalDynamoDb();
  const factory = new AwsClientFactory(() => ({
    region: LOCAL_REGION,
    endpoint: db.endpoint,
    staticCredentials: LOCAL_CREDENTIALS,
  }));
  try {
    await ensureEventsTable(
      await dynamoDbClient(factory),
      TABLE,
      loadTableDefinition(path.resolve(__dirname, '..', '..')),
    );
    await baselines(factory);
    for (const { perSecond, count } of RATES) await tableAtRate(factory, perSecond, count);
    await tableBigRun(factory);
    for (const { perSecond, count } of RATES) await stdoutRun(perSecond, count);
    await stdoutRun(0, BIG_RUN);
    printExactlyOnce([await twoProducers(factory, TABLE), await outage(db.endpoint, factory, TABLE)]);
  } finally {
    factory.dispose();
    await db.stop();
  }
  console.log(
    `\nTargets: p95 ≤ ${TARGETS.tableP95Ms} ms through the table, ≤ ${TARGETS.stdoutP95Ms} ms through stdout. ` +
      "The table path's floor is the 500 ms poll interval plus one Query.",
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
