/**
 * Emit → visible latency of the OTLP path against the stdout path, in one run, taken apart stage by
 * stage. "Visible" is RunSession.onDidReceiveEvent, what the Demo Viewer, the history and the status
 * bar subscribe to. The OTLP path is the product's: exporterChild.ts (the real SDK and exporter)
 * posts to an OtlpReceiver on 127.0.0.1 whose batches go to RunManager.acceptExternal, as in
 * src/extension.ts. The stdout path is a child printing envelope lines, read line by line into its
 * RunSession as the executor does.
 *
 * The exporter's batch delay is measured, not assumed: per span, its end → the BatchSpanProcessor's
 * export() call, in the exporting process. It is the configured scheduledDelayMillis, the timer's
 * lateness, and — for a span that ends while the previous batch is still being exported — the wait
 * for that export to settle (the processor starts no timer while one is open), printed apart.
 *
 * Last, the highest rate once more with the receiver also writing to an events table on DynamoDB
 * Local (agentify.otlp.writeToTable), to show what the writes cost the live path.
 */
import { spawn } from 'node:child_process';
import * as diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import * as readline from 'node:readline';
import { EventEmitter } from '../../src/common/emitter';
import { type AgentifyConfig, resolveConfig } from '../../src/config/agentifyConfig';
import type { AgentifyEvent } from '../../src/events/types';
import { type OtlpEventBatch, OtlpReceiver } from '../../src/otlp/otlpReceiver';
import { OtlpTableWriter } from '../../src/otlp/otlpTableWriter';
import { AwsClientFactory, dynamoDbClient } from '../../src/aws/clientFactory';
import { ensureEventsTable } from '../../src/eventsTable/createEventsTable';
import { loadTableDefinition } from '../../src/eventsTable/tableDefinition';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '../../src/localDb/localDynamoDb';
import { SpanMapper } from '../../src/otlp/spanMapper';
import { RunManager } from '../../src/run/runManager';
import { RunSession } from '../../src/run/runSession';
import type { RunEvents } from '../../src/run/types';
import type { ChildNotes, ExportNote } from './exporterChild';

const ROOT = path.resolve(__dirname, '..', '..');
const BATCH_DELAY_MS = 100;
/** The first spans of each run warm both paths up (process start, first connection); not counted. */
const WARMUP_SHARE = 0.1;
const RATES = [
  { perSecond: 10, count: 100 },
  { perSecond: 100, count: 500 },
  { perSecond: 1000, count: 3000 },
];
/**
 * The system's monotonic clock in ms, the same in every process of the machine (each process's
 * performance.timeOrigin is read at its start, which on a busy machine can be milliseconds off).
 */
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const ms = (v: number) => v.toFixed(1).padStart(6);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}
function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] ?? NaN };
}

/** What the receiver's side saw of one request, in this process. */
interface RequestNote {
  /** The request's body was read to its end. */
  bodyAt?: number;
  mapStartAt?: number;
  mapEndAt?: number;
  tools: number[];
}

/** Notes the receiver's requests (through Node's HTTP diagnostics channels) and its mapping of each. */
class NotingMapper extends SpanMapper {
  readonly requests: RequestNote[] = [];

  override map(spans: Parameters<SpanMapper['map']>[0]) {
    const note = this.requests[this.requests.length - 1];
    note.mapStartAt = nowMs();
    const result = super.map(spans);
    note.mapEndAt = nowMs();
    note.tools = spans.filter((s) => s.name.startsWith('execute_tool t')).map((s) => Number(s.name.slice(14)));
    return result;
  }

  listen(): () => void {
    const onStart = (message: unknown) => {
      const note: RequestNote = { tools: [] };
      this.requests.push(note);
      (message as { request: IncomingMessage }).request.once('end', () => (note.bodyAt = nowMs()));
    };
    diagnostics.subscribe('http.server.request.start', onStart);
    return () => diagnostics.unsubscribe('http.server.request.start', onStart);
  }
}

/** When each completed tool call became visible in `run`, by tool index. */
function visibleTimes(run: RunEvents, into: number[]): void {
  run.onDidReceiveEvent((e) => {
    if (e.event_type !== 'tool_call' || e.payload.status !== 'completed') return;
    into[Number(String(e.payload['gen_ai.tool.name']).slice(1))] = nowMs();
  });
}

function config(): { current: AgentifyConfig; onDidChange: EventEmitter<AgentifyConfig>['event'] } {
  return {
    current: resolveConfig({}, undefined).config as AgentifyConfig,
    onDidChange: new EventEmitter<AgentifyConfig>().event,
  };
}

interface OtlpRun {
  child: ChildNotes;
  requests: RequestNote[];
  visibleAt: number[];
}

/** `alsoTo` gets each batch the receiver hands on, after the run (the table writer, when measured). */
async function otlpRun(perSecond: number, count: number, alsoTo?: (batch: OtlpEventBatch) => void): Promise<OtlpRun> {
  const wf = `bench-otlp-${perSecond}`;
  const runs = new RunManager({
    config: config(),
    executor: { start: () => Promise.reject(new Error('no process in this benchmark')) },
  });
  const visibleAt: number[] = [];
  runs.onDidStartRun((run) => run.info.workflowId === wf && visibleTimes(run, visibleAt));
  const mapper = new NotingMapper();
  const stopListening = mapper.listen();
  const receiver = new OtlpReceiver({ port: 0, mapper });
  receiver.onEvents((batch) => runs.acceptExternal(batch, 'otlp'));
  if (alsoTo) receiver.onEvents(alsoTo);
  const { url } = await receiver.start();
  try {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(__dirname, 'exporterChild.ts'),
        url,
        `${perSecond}`,
        `${count}`,
        `${BATCH_DELAY_MS}`,
        wf,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (code !== 0) throw new Error(`The exporting process exited with ${code}.`);
    return { child: JSON.parse(out.trim().split('\n').pop()!) as ChildNotes, requests: mapper.requests, visibleAt };
  } finally {
    stopListening();
    await receiver.stop();
    receiver.dispose();
    runs.dispose();
  }
}

/** The stdout path as the host reads it: envelope lines into the run's session. */
const STDOUT_CHILD = `
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  const [wf, perSecond, count] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
  const base = Date.now();
  const start = now();
  let i = 0;
  function tick() {
    while (i < count && now() >= start + (i * 1000) / perSecond) {
      const payload = { status: 'completed', 'gen_ai.tool.name': 't' + i, emitted_at: now() };
      const ev = { workflow_id: wf, timestamp: base + i, event_type: 'tool_call', agent_name: 'bench', payload };
      process.stdout.write(JSON.stringify({ agentify: 1, event: ev }) + '\\n');
      i++;
    }
    if (i < count) setTimeout(tick, Math.max(0, start + (i * 1000) / perSecond - now()));
  }
  tick();
`;

async function stdoutRun(perSecond: number, count: number): Promise<number[]> {
  const wf = `bench-stdout-${perSecond}`;
  const run = new RunSession(
    { workflowId: wf, traceId: '0'.repeat(32), prompt: 'bench', startedAt: Date.now() },
    { stdoutEvents: true, timeoutSeconds: 0 },
  );
  const latencies: number[] = [];
  run.onDidReceiveEvent((e: AgentifyEvent) => {
    const index = Number(String(e.payload['gen_ai.tool.name']).slice(1));
    if (index >= count * WARMUP_SHARE) latencies.push(nowMs() - (e.payload.emitted_at as number));
  });
  const proc = spawn(process.execPath, ['-e', STDOUT_CHILD, wf, String(perSecond), String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  readline.createInterface({ input: proc.stdout!, crlfDelay: Infinity }).on('line', (l) => run.acceptStdoutLine(l));
  await new Promise<void>((resolve) => proc.once('close', () => resolve()));
  run.dispose();
  return latencies;
}

/** Each counted span's way through the OTLP path, one array per stage. */
function stages({ child, requests, visibleAt }: OtlpRun, count: number) {
  const exportOf = new Map<number, { note: ExportNote; previous?: ExportNote }>();
  child.exports.forEach((note, k) =>
    note.tools.forEach((i) => exportOf.set(i, { note, previous: child.exports[k - 1] })),
  );
  const requestOf = new Map<number, RequestNote>();
  for (const r of requests) for (const i of r.tools) requestOf.set(i, r);
  const s = {
    batchDelay: [] as number[],
    behindExport: [] as number[],
    serialize: [] as number[],
    transfer: [] as number[],
    decode: [] as number[],
    map: [] as number[],
    deliver: [] as number[],
    afterBatch: [] as number[],
    total: [] as number[],
  };
  let incomplete = 0;
  for (let i = Math.ceil(count * WARMUP_SHARE); i < count; i++) {
    const ended = child.endedAt[i];
    const ex = exportOf.get(i);
    const req = requestOf.get(i);
    const visible = visibleAt[i];
    if (!ex || !req || visible === undefined || ex.note.requestAt === undefined || req.bodyAt === undefined) {
      incomplete++;
      continue;
    }
    const { note, previous } = ex;
    s.batchDelay.push(note.exportAt - ended);
    // The processor starts no timer while an export is open: a span that ended then waits for it.
    const open = previous?.doneAt !== undefined && previous.exportAt <= ended && ended < previous.doneAt;
    if (open) s.behindExport.push(previous!.doneAt! - ended);
    s.serialize.push(note.requestAt! - note.exportAt);
    s.transfer.push(req.bodyAt - note.requestAt!);
    s.decode.push(req.mapStartAt! - req.bodyAt);
    s.map.push(req.mapEndAt! - req.mapStartAt!);
    s.deliver.push(visible - req.mapEndAt!);
    s.afterBatch.push(visible - note.exportAt);
    s.total.push(visible - ended);
  }
  return { ...s, incomplete };
}

/** Per export: when the exporter had its answer, against when the batch's spans were visible. */
function answers({ child, visibleAt }: OtlpRun) {
  const answered: number[] = [];
  const settled: number[] = [];
  let reused = 0;
  for (const note of child.exports) {
    const lastVisible = Math.max(...note.tools.map((i) => visibleAt[i] ?? NaN));
    if (note.responseAt !== undefined && Number.isFinite(lastVisible)) answered.push(note.responseAt - lastVisible);
    if (note.doneAt !== undefined) settled.push(note.doneAt - note.exportAt);
    if (note.reusedSocket) reused++;
  }
  return { answered: stats(answered), settled: stats(settled), reused, exports: child.exports.length };
}

/** One OTLP run against the stdout path at the same rate: every stage, the answers, the target. */
function report(title: string, otlp: OtlpRun, stdout: Stats, count: number): void {
  const st = stages(otlp, count);
  const total = stats(st.total);
  const delay = stats(st.batchDelay);
  const row = (name: string, v: Stats) =>
    `    ${name.padEnd(30)} p50 ${ms(v.p50)} ms  p95 ${ms(v.p95)} ms  max ${ms(v.max)} ms  (n=${v.n})`;
  console.log(`\n  ${title}`);
  console.log(row('stdout', stdout));
  console.log(row('otlp', total));
  console.log(row('  batch delay', delay));
  console.log(row('    of it behind an open export', stats(st.behindExport)));
  console.log(row('  serialize', stats(st.serialize)));
  console.log(row('  transfer', stats(st.transfer)));
  console.log(row('  decode', stats(st.decode)));
  console.log(row('  map', stats(st.map)));
  console.log(row('  deliver', stats(st.deliver)));
  console.log(row('  after the batch delay', stats(st.afterBatch)));
  const a = answers(otlp);
  console.log(
    `    per export: the exporter read its answer ${ms(a.answered.p50)} / ${ms(a.answered.p95)} ms (p50 / p95) ` +
      `after the spans were visible (negative: before); export() → settled ${ms(a.settled.p50)} / ` +
      `${ms(a.settled.p95)} ms; ${a.reused} of ${a.exports} exports on a kept-alive connection` +
      (st.incomplete ? `; ${st.incomplete} span(s) not traced through every stage` : ''),
  );
  const budget = 2 * stdout.p95 + delay.p95;
  const after = stats(st.afterBatch);
  console.log(
    `    target: otlp p95 ≤ 2 × stdout p95 + batch delay p95 = ${budget.toFixed(1)} ms: ` +
      `${total.p95 <= budget ? 'met' : 'missed'} (${total.p95.toFixed(1)} ms); per span, after the batch ` +
      `delay p95 ${after.p95.toFixed(1)} ms against 2 × stdout p95 = ${(2 * stdout.p95).toFixed(1)} ms`,
  );
}

/**
 * The OTLP path once more with the receiver also writing what it maps into an events table on
 * DynamoDB Local (agentify.otlp.writeToTable), which runs on this machine too.
 */
async function withTableWrites(perSecond: number, count: number, stdout: Stats): Promise<void> {
  const tableName = 'bench-otlp-writes';
  const db = await startLocalDynamoDb();
  const factory = new AwsClientFactory(() => ({
    region: LOCAL_REGION,
    endpoint: db.endpoint,
    staticCredentials: LOCAL_CREDENTIALS,
  }));
  const lines: string[] = [];
  const writer = new OtlpTableWriter({
    clients: factory,
    target: () => ({ tableName, owner: 'bench', ttlDays: 1 }),
    errorContext: async () => ({ tableName, region: LOCAL_REGION, endpoint: db.endpoint }),
    log: (line) => lines.push(line),
  });
  try {
    await ensureEventsTable(await dynamoDbClient(factory), tableName, loadTableDefinition(ROOT));
    const run = await otlpRun(perSecond, count, (batch) => writer.write(batch.events));
    const lastExport = Math.max(...run.child.exports.map((e) => e.doneAt ?? 0));
    await writer.drained();
    report(`${perSecond} spans/s, also writing to the events table on DynamoDB Local`, run, stdout, count);
    const c = writer.counts;
    console.log(
      `    table: ${c.written} events written, ${c.failed} failed, ${c.dropped} dropped, ${c.clashed} clashed; ` +
        `all written ${(nowMs() - lastExport).toFixed(0)} ms after the last export settled` +
        (lines.length ? `; said: ${lines.join(' | ')}` : ''),
    );
  } finally {
    writer.dispose();
    factory.dispose();
    await db.stop();
  }
}

export async function printLatency(): Promise<void> {
  console.log(
    '\nEmit → visible (span end or stdout line → RunSession.onDidReceiveEvent), ' +
      `scheduledDelayMillis ${BATCH_DELAY_MS} ms, first ${WARMUP_SHARE * 100}% of each run not counted.`,
  );
  console.log(
    '  OTLP stages per span: batch delay = span end → the BatchSpanProcessor calls export() (measured in the ' +
      "exporting process); serialize = export() → the HTTP request reaches the exporter's agent; " +
      'transfer = that → its body read by the receiver (write, loopback, read); decode = body read → mapping ' +
      'starts; map; deliver = mapping done → visible.',
  );
  let last: Stats | undefined;
  for (const { perSecond, count } of RATES) {
    const otlp = await otlpRun(perSecond, count);
    last = stats(await stdoutRun(perSecond, count));
    report(`${perSecond} spans/s`, otlp, last, count);
  }
  const top = RATES[RATES.length - 1];
  await withTableWrites(top.perSecond, top.count, last!);
}
