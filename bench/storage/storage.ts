/**
 * Storage figures of the events table on DynamoDB Local, in one run: PutItem latency
 * p50/p95/p99, 50 concurrent writers, sustained 20 and 100 events/s for 10 s each (success rate,
 * errors, throttling), BatchWriteItem throughput, Query of one run and GetItem p50/p95, and the
 * index queries' p95, with the SDK client the extension uses and with boto3 as the decorators
 * write. Each latency is printed with its ratio to a baseline measured in the same run (a bare TCP
 * round trip to the server) and the seed's target beside it. Starts and stops its own server.
 * Prints figures; never fails on a time.
 *
 *   npx tsx bench/storage/storage.ts
 */
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { AwsClientFactory, dynamoDbClient } from '../../src/aws/clientFactory';
import { ensureEventsTable } from '../../src/eventsTable/createEventsTable';
import { listFailures, listRuns } from '../../src/eventsTable/indexQueries';
import { queryRun } from '../../src/eventsTable/queryRun';
import { HARDENED_PARAMETERS, loadTableDefinition } from '../../src/eventsTable/tableDefinition';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '../../src/localDb/localDynamoDb';
import { runEvents, writeEvents } from '../../test/support/indexedWriter';
import { latencyRows, percentile, printRows, Row } from './stats';

// The SDK's notice about future Node versions says nothing about these figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = path.resolve(__dirname, '..', '..');
const TABLE = 'agentify-bench-storage';
/** The seed's targets. */
const SEED = { writeP95: 50, writeP99: 100, successPct: 99, readP95: 50 };
const THROTTLE = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

const since = (start: number) => performance.now() - start;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return since(start);
}

/** A bare TCP round trip: connect to the server's port (SYN → SYN/ACK) and close. */
async function tcpRoundTrips(port: number, n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    samples.push(
      await new Promise<number>((resolve, reject) => {
        const start = performance.now();
        const socket = net.connect({ host: '127.0.0.1', port }, () => {
          const ms = since(start);
          socket.destroy();
          resolve(ms);
        });
        socket.on('error', reject);
      }),
    );
  }
  return samples;
}

/**
 * The baseline: a bare round trip on a kept-alive TCP connection to the server (an unsigned request
 * it answers at once with an error), so every figure's ratio says what DynamoDB's work adds to
 * getting bytes to this server and back.
 */
async function tcpRequestRoundTrips(port: number, n: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const start = performance.now();
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(since(start)));
      });
      req.on('error', reject);
      req.end('{}');
    });
  try {
    await once();
    const samples: number[] = [];
    for (let i = 0; i < n; i++) samples.push(await once());
    return samples;
  } finally {
    agent.destroy();
  }
}

const event = (workflowId: string, timestamp: number) => ({
  workflow_id: workflowId,
  timestamp,
  event_type: 'log',
  payload: { message: 'benchmark event', level: 'info' },
  ttl: Math.floor(Date.now() / 1000) + 86_400,
});

/** A conditional PutItem, as the sink writes (never overwrites). */
const put = (doc: DynamoDBDocumentClient, workflowId: string, ts: number) =>
  doc.send(
    new PutCommand({
      TableName: TABLE,
      Item: event(workflowId, ts),
      ConditionExpression: 'attribute_not_exists(#ts)',
      ExpressionAttributeNames: { '#ts': 'timestamp' },
    }),
  );

interface RateResult {
  issued: number;
  ok: number;
  errors: Record<string, number>;
  latencies: number[];
  achievedPerSecond: number;
}

/** Open loop: one write every 1000/rate ms for `seconds`, not waiting for the previous one. */
async function sustained(doc: DynamoDBDocumentClient, rate: number, seconds: number): Promise<RateResult> {
  const result: RateResult = { issued: 0, ok: 0, errors: {}, latencies: [], achievedPerSecond: 0 };
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  const total = rate * seconds;
  const workflowId = `wf-rate-${rate}`;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    result.issued++;
    const began = performance.now();
    inFlight.push(
      put(doc, workflowId, i + 1).then(
        () => {
          result.ok++;
          result.latencies.push(since(began));
        },
        (err: Error) => {
          result.errors[err.name] = (result.errors[err.name] ?? 0) + 1;
        },
      ),
    );
  }
  const issuedIn = since(start);
  await Promise.all(inFlight);
  result.achievedPerSecond = (result.issued * 1000) / issuedIn;
  return result;
}

async function concurrentWriters(doc: DynamoDBDocumentClient, writers: number, each: number) {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < each; i++) {
        try {
          latencies.push(await timed(() => put(doc, `wf-conc-${w}`, i + 1)));
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, errors, perSecond: (writers * each * 1000) / since(start) };
}

async function batchThroughput(doc: DynamoDBDocumentClient, items: number) {
  const start = performance.now();
  let retried = 0;
  for (let i = 0; i < items; i += 25) {
    const batch = Array.from({ length: Math.min(25, items - i) }, (_, k) => event('wf-batch', i + k + 1));
    let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [TABLE]: batch.map((Item) => ({ PutRequest: { Item } })),
    };
    while (request && Object.keys(request).length) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: request }));
      request = out.UnprocessedItems as typeof request;
      if (request && Object.keys(request).length) retried++;
    }
  }
  return { perSecond: (items * 1000) / since(start), retried };
}

function rateRows(rate: number, r: RateResult): Row[] {
  const success = (100 * r.ok) / r.issued;
  const throttled = Object.entries(r.errors)
    .filter(([name]) => THROTTLE.has(name))
    .reduce((n, [, c]) => n + c, 0);
  const errorText =
    Object.entries(r.errors)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  return [
    { what: `${rate}/s for 10 s: achieved rate`, figure: r.achievedPerSecond, unit: '/s' },
    {
      what: `${rate}/s: success (${r.ok}/${r.issued}; errors: ${errorText})`,
      figure: success,
      unit: '%',
      target: `> ${SEED.successPct} %`,
      meets: success > SEED.successPct,
    },
    {
      what: `${rate}/s: throttled requests`,
      figure: throttled,
      unit: 'count',
      ...(rate === 100 ? { target: 'none at 100/s', meets: throttled === 0 } : {}),
    },
    ...latencyRows(`${rate}/s PutItem`, r.latencies, { p95: SEED.writeP95, p99: SEED.writeP99 }),
  ];
}

async function main(): Promise<void> {
  const server = await startLocalDynamoDb();
  const factory = new AwsClientFactory(() => ({
    region: LOCAL_REGION,
    endpoint: server.endpoint,
    staticCredentials: LOCAL_CREDENTIALS,
  }));
  try {
    const client = await dynamoDbClient(factory);
    await ensureEventsTable(client, TABLE, loadTableDefinition(ROOT, HARDENED_PARAMETERS));
    const doc = await factory.documentClient();
    await put(doc, 'wf-warm', 1); // connection and SDK set-up are not part of any figure

    const connects = await tcpRoundTrips(server.port, 200);
    const baseline = await tcpRequestRoundTrips(server.port, 200);
    const base = percentile(baseline, 50);
    const load = () =>
      os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ');
    console.log(
      `DynamoDB Local ${server.endpoint}, hardened table ${TABLE} (two GSIs, stream), Node ${process.version}`,
    );
    console.log(`machine: ${os.cpus().length} cores, load average ${load()} at start`);
    console.log(
      `baseline: bare round trip on a kept-alive TCP connection p50 ${base.toFixed(3)} ms, ` +
        `p95 ${percentile(baseline, 95).toFixed(3)} ms (n=200); TCP connect alone p50 ` +
        `${percentile(connects, 50).toFixed(3)} ms. Ratios below are to the round trip's p50.`,
    );

    const seq: number[] = [];
    for (let i = 0; i < 200; i++) seq.push(await timed(() => put(doc, 'wf-seq', i + 1)));
    const conc = await concurrentWriters(doc, 50, 20);
    printRows(
      'Writes, SDK (the extension’s client)',
      [
        ...latencyRows('PutItem sequential', seq, { p95: SEED.writeP95, p99: SEED.writeP99 }),
        ...latencyRows('PutItem, 50 concurrent writers', conc.latencies, { p95: SEED.writeP95, p99: SEED.writeP99 }),
        { what: `50 concurrent writers: throughput (errors ${conc.errors})`, figure: conc.perSecond, unit: '/s' },
      ],
      base,
    );

    const r20 = await sustained(doc, 20, 10);
    const r100 = await sustained(doc, 100, 10);
    printRows('Sustained writes, SDK', [...rateRows(20, r20), ...rateRows(100, r100)], base);

    const batch = await batchThroughput(doc, 2000);
    printRows(
      'BatchWriteItem, SDK',
      [{ what: `2000 items in batches of 25 (re-sent batches ${batch.retried})`, figure: batch.perSecond, unit: '/s' }],
      base,
    );

    const query: number[] = [];
    for (let i = 0; i < 50; i++) {
      query.push(
        await timed(async () => {
          for await (const page of queryRun(doc, TABLE, 'wf-seq')) void page;
        }),
      );
    }
    const get: number[] = [];
    for (let i = 0; i < 200; i++) {
      get.push(
        await timed(() =>
          doc.send(new GetCommand({ TableName: TABLE, Key: { workflow_id: 'wf-seq', timestamp: i + 1 } })),
        ),
      );
    }
    // Index reads: 60 runs of one team, every other one failed.
    const runs = Array.from({ length: 60 }, (_, n) =>
      runEvents(`wf-team-${n}`, 1_795_516_399_100 + n * 1000, n % 2 ? 'failed' : 'completed'),
    );
    await writeEvents(doc, TABLE, runs.flat(), 'bench-team');
    const failures: number[] = [];
    const runPages: number[] = [];
    for (let i = 0; i < 50; i++)
      failures.push(await timed(() => listFailures(doc, TABLE, { owner: 'bench-team', limit: 20 })));
    for (let i = 0; i < 20; i++)
      runPages.push(await timed(() => listRuns(doc, TABLE, { owner: 'bench-team', limit: 20 })));
    const p95 = (what: string, s: number[], target?: number): Row => ({
      what: `${what} p95 (n=${s.length})`,
      figure: percentile(s, 95),
      unit: 'ms',
      ...(target !== undefined ? { target: `< ${target} ms`, meets: percentile(s, 95) < target } : {}),
    });
    printRows(
      'Reads, SDK',
      [
        { what: 'Query one run (200 items, consistent) p50', figure: percentile(query, 50), unit: 'ms' },
        p95('Query one run', query, SEED.readP95),
        { what: 'GetItem p50', figure: percentile(get, 50), unit: 'ms' },
        p95('GetItem', get, SEED.readP95),
        p95('StatusIndex page of 20 failures', failures, SEED.readP95),
        p95('EventTypeIndex page of 20 runs (+20 outcome reads)', runPages),
      ],
      base,
    );

    const py = spawnSync('python3', [path.join(__dirname, 'boto3_bench.py'), server.endpoint, TABLE], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (py.status !== 0) {
      console.log(`\nboto3: not measured (${py.stderr.trim().split('\n').pop() ?? `exit ${py.status}`})`);
    } else {
      const b = JSON.parse(py.stdout) as {
        put: number[];
        concurrent: number[];
        concurrentErrors: number;
        concurrentWallMs: number;
        get: number[];
        query: number[];
      };
      printRows(
        'boto3 (as the decorators write)',
        [
          ...latencyRows('put_item sequential (conditional)', b.put, { p95: SEED.writeP95, p99: SEED.writeP99 }),
          ...latencyRows('put_item, 50 threads', b.concurrent, { p95: SEED.writeP95, p99: SEED.writeP99 }),
          {
            what: `50 threads: throughput (errors ${b.concurrentErrors})`,
            figure: (b.concurrent.length * 1000) / b.concurrentWallMs,
            unit: '/s',
          },
          { what: 'get_item p50', figure: percentile(b.get, 50), unit: 'ms' },
          p95('get_item', b.get, SEED.readP95),
          { what: 'query one run (200 items) p50', figure: percentile(b.query, 50), unit: 'ms' },
          p95('query one run', b.query, SEED.readP95),
        ],
        base,
      );
    }
    console.log(`\nload average ${load()} at the end`);
    console.log('DynamoDB Local runs in one JVM on this machine: no network, no throttling, no replication.');
    console.log('Ratios say how far each call is above a bare round trip here; absolute figures on AWS differ.');
  } finally {
    factory.dispose();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
