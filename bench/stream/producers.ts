/**
 * Exactly-once runs of the live stream, for bench/stream/latency.ts: two producers writing one
 * workflow at once (each also "printing" its events into the session, as the decorators do on
 * stdout), and an outage in which the table cannot be read for a while and the producers' backlog
 * lands afterwards, oldest part last. Each prints delivered / expected and duplicates (both must be
 * exact) next to its latency.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AwsClientFactory } from '../../src/aws/clientFactory';
import { EventEmitter } from '../../src/common/emitter';
import { resolveConfig } from '../../src/config/agentifyConfig';
import type { AgentifyEvent } from '../../src/events/types';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../src/localDb/localDynamoDb';
import { DynamoDbPollingService } from '../../src/polling/dynamoDbPollingService';
import { RunSession } from '../../src/run/runSession';
import { startFaultProxy } from '../../test/support/faultProxy';

export interface ExactlyOnceRow {
  run: string;
  expected: number;
  delivered: number;
  duplicates: number;
  p95Ms: number;
  note: string;
}

const nowMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One producer's identities, as the decorators fix them: ms + slot/1000, strictly rising, seq from 1. */
function producer(workflowId: string, slot: number, count: number): AgentifyEvent[] {
  let last = 0;
  return Array.from({ length: count }, (_, i) => {
    last = Math.max(Date.now(), last + 1);
    return {
      workflow_id: workflowId,
      timestamp: last + slot / 1000,
      producer_id: `bench-${slot}`,
      seq: i + 1,
      event_type: i === count - 1 && slot === 0 ? 'workflow_complete' : 'log',
      payload: { message: `event ${i} of producer ${slot}` },
      ttl: Math.floor(Date.now() / 1000) + 86_400,
    };
  });
}

async function write(factory: AwsClientFactory, table: string, events: readonly AgentifyEvent[]): Promise<void> {
  const doc = await factory.documentClient();
  for (let i = 0; i < events.length; i += 25) {
    let requests = events
      .slice(i, i + 25)
      .map((Item) => ({ PutRequest: { Item: Item as unknown as Record<string, unknown> } }));
    while (requests.length) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
}

/** A session reading the table through `factory`, counting every delivery. */
function watch(factory: AwsClientFactory, table: string, workflowId: string) {
  const config = {
    current: resolveConfig({ 'dynamodb.tableName': table }, undefined).config,
    onDidChange: new EventEmitter<never>().event,
  };
  const session = new RunSession(
    { workflowId, traceId: '0'.repeat(32), prompt: 'bench', startedAt: Date.now() },
    {
      stdoutEvents: true,
      timeoutSeconds: 0,
      readTable: (id, gaps) => {
        const poller = new DynamoDbPollingService(factory, config, { gaps, drainMs: 1000 });
        poller.startPolling(id);
        return poller;
      },
    },
  );
  const deliveredAt = new Map<string, number>();
  let deliveries = 0;
  session.onDidReceiveEvent((e) => {
    deliveries++;
    deliveredAt.set(`${e.producer_id}:${e.seq}`, nowMs());
  });
  const until = async (count: number, timeoutMs: number) => {
    const end = nowMs() + timeoutMs;
    while (deliveredAt.size < count && nowMs() < end) await sleep(20);
  };
  return { session, deliveredAt, deliveries: () => deliveries, until };
}

function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] ?? NaN;
}

export async function twoProducers(
  factory: AwsClientFactory,
  table: string,
  perProducer = 2000,
): Promise<ExactlyOnceRow> {
  const wf = `bench-two-producers-${Date.now()}`;
  const w = watch(factory, table, wf);
  const emittedAt = new Map<string, number>();
  // Both producers start in the same millisecond; each prints every event and batches its writes.
  const run = async (slot: number) => {
    const events = producer(wf, slot, perProducer);
    for (let i = 0; i < events.length; i += 50) {
      const chunk = events.slice(i, i + 50);
      for (const e of chunk) {
        emittedAt.set(`${e.producer_id}:${e.seq}`, nowMs());
        // Every third line never reaches stdout (a producer in a subprocess whose pipe is not read).
        if (e.seq! % 3 !== 0) w.session.acceptStdoutLine(JSON.stringify({ agentify: 1, event: e }));
      }
      await write(factory, table, chunk);
    }
  };
  await Promise.all([run(0), run(1)]);
  await w.until(2 * perProducer, 30_000);
  const latencies = [...emittedAt].map(([k, t]) => (w.deliveredAt.get(k) ?? NaN) - t).filter(Number.isFinite);
  w.session.dispose();
  const delivered = w.deliveredAt.size;
  return {
    run: `2 producers × ${perProducer}`,
    expected: 2 * perProducer,
    delivered,
    duplicates: w.deliveries() - delivered,
    p95Ms: p95(latencies),
    note: 'a third of each producer’s lines only in the table',
  };
}

export async function outage(
  endpoint: string,
  factory: AwsClientFactory,
  table: string,
  count = 1000,
  outageMs = 10_000,
): Promise<ExactlyOnceRow> {
  const wf = `bench-outage-${Date.now()}`;
  const proxy = await startFaultProxy(endpoint);
  const reader = new AwsClientFactory(() => ({
    region: LOCAL_REGION,
    endpoint: proxy.url,
    staticCredentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  }));
  const w = watch(reader, table, wf);
  try {
    const events = producer(wf, 0, count);
    const third = Math.floor(count / 3);
    await write(factory, table, events.slice(0, third));
    await w.until(third, 10_000);
    // The table is out of reach for a while; the producer keeps emitting into its queue.
    proxy.setPersistent({ kind: 'drop' });
    await sleep(outageMs);
    proxy.setPersistent(undefined);
    const recovered = nowMs();
    // The backlog lands newest first, so its oldest part is older than anything a lookback reaches.
    await write(factory, table, events.slice(2 * third));
    await write(factory, table, events.slice(third, 2 * third));
    await w.until(count, 60_000);
    const done = nowMs();
    const delivered = w.deliveredAt.size;
    return {
      run: `outage ${outageMs / 1000} s, ${count} events`,
      expected: count,
      delivered,
      duplicates: w.deliveries() - delivered,
      p95Ms: NaN,
      note:
        `all delivered ${((done - recovered) / 1000).toFixed(1)} s after the table came back ` +
        "(the poller's backoff reaches 8 s)",
    };
  } finally {
    w.session.dispose();
    reader.dispose();
    await proxy.close();
  }
}

export function printExactlyOnce(rows: readonly ExactlyOnceRow[]): void {
  console.log('\nExactly once (delivered / expected, duplicates: both must be exact)');
  for (const r of rows) {
    const ok = r.delivered === r.expected && r.duplicates === 0 ? 'exact' : 'NOT EXACT';
    const p95Text = Number.isFinite(r.p95Ms) ? `  p95 ${r.p95Ms.toFixed(1)} ms` : '';
    console.log(
      `  ${r.run.padEnd(26)} ${r.delivered} / ${r.expected}, ${r.duplicates} duplicates: ${ok}${p95Text}  ${r.note}`,
    );
  }
}
