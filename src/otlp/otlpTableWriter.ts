/**
 * Writes the events the OTLP receiver maps into the events table (`agentify.otlp.writeToTable`),
 * so runs traced with OpenTelemetry are kept, reopened from the history and listed in the team
 * history like the decorators' runs. It owns a bounded queue and a few writes in flight behind the
 * receiver, which has answered its exporter before it hands events on: nothing here can slow or
 * fail a request.
 *
 * Each event is one conditional PutItem (src/eventsTable/putEventItem.ts) at the identity the
 * mapper fixed (workflow_id + the span's own time, see identity.ts): a span received twice is one
 * item, so the poller's and the history's dedup on that identity holds, and another producer's
 * item is never overwritten. A run's start goes through its marker (putRunStart.ts), so a receiver
 * restarted within a trace does not open the run a second time. A payload over the contract's
 * limit is cut to fit as the contract says (fitPayload.ts) and written. What cannot be written (the
 * table unusable, the queue full, a key another producer holds) is counted, and each of these and a
 * cut is said once per table in the output log, with the cause and what to do.
 */
import type { AwsClients } from '../aws/clientFactory';
import { type AwsErrorContext, toUserError } from '../aws/awsErrors';
import { Disposable } from '../common/disposable';
import { MAX_PAYLOAD_BYTES, eventItem } from '../eventsTable/eventItem';
import { fitPayload, jsonSize } from '../eventsTable/fitPayload';
import { putEventItem } from '../eventsTable/putEventItem';
import { putRunStart } from '../eventsTable/putRunStart';
import type { OtlpEvent } from './spanMapper';

export interface OtlpTableTarget {
  tableName: string;
  /** The owner key of the indexes the team history reads. */
  owner: string;
  /** Days an item is kept (its ttl). */
  ttlDays: number;
}

export interface OtlpTableWriterOptions {
  clients: AwsClients;
  /** Where to write; read for every event, so a settings change applies at once. */
  target: () => OtlpTableTarget;
  /** Where Agentify was looking, for the message when writes fail. */
  errorContext: () => Promise<AwsErrorContext>;
  /** The output log: one line per kind of problem and table. */
  log: (line: string) => void;
  /** Events waiting to be written at most; past it the newest are dropped and counted. Default 10,000. */
  maxQueued?: number;
  /** PutItem requests in flight at once. Default 16. */
  concurrency?: number;
  /** Epoch ms, for the items' ttl. Default Date.now. */
  now?: () => number;
}

type Problem = 'failed' | 'dropped' | 'clashed' | 'truncated' | 'reopened';

export interface OtlpTableCounts {
  written: number;
  failed: number;
  dropped: number;
  clashed: number;
  /** Written cut to the payload limit. */
  truncated: number;
  /** Later starts of a run an earlier receiver opened in the table: not written. */
  reopened: number;
}

export class OtlpTableWriter extends Disposable {
  private queue: OtlpEvent[] = [];
  private head = 0;
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  private readonly said = new Set<string>();
  private readonly _counts: OtlpTableCounts = {
    written: 0,
    failed: 0,
    dropped: 0,
    clashed: 0,
    truncated: 0,
    reopened: 0,
  };
  private readonly maxQueued: number;
  private readonly concurrency: number;

  constructor(private readonly options: OtlpTableWriterOptions) {
    super();
    this.maxQueued = options.maxQueued ?? 10_000;
    this.concurrency = options.concurrency ?? 16;
  }

  /** What happened to the events given so far. */
  get counts(): Readonly<OtlpTableCounts> {
    return this._counts;
  }

  /** Queues a batch of one run's events and returns at once. Never throws. */
  write(events: readonly OtlpEvent[]): void {
    if (this.isDisposed) return;
    for (const event of events) {
      if (this.queue.length - this.head >= this.maxQueued) {
        this._counts.dropped++;
        this.sayOnce('dropped', this.options.target().tableName, () => this.droppedMessage());
      } else this.queue.push(event);
    }
    this.pump();
  }

  /** Resolves once every event queued so far is written or given up. */
  drained(): Promise<void> {
    if (this.inFlight === 0 && this.head === this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  override dispose(): void {
    this.queue = [];
    this.head = 0;
    super.dispose();
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.head < this.queue.length) {
      const event = this.queue[this.head++];
      this.inFlight++;
      void this.send(event).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
    // Keep the array from growing for ever while the writer stays busy.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (this.inFlight === 0 && this.head === this.queue.length) {
      for (const resolve of this.waiting.splice(0)) resolve();
    }
  }

  private async send(event: OtlpEvent): Promise<void> {
    const target = this.options.target();
    try {
      const size = jsonSize(event.payload);
      const payload = size > MAX_PAYLOAD_BYTES ? fitPayload(event.payload, MAX_PAYLOAD_BYTES) : event.payload;
      const ttl = Math.floor((this.options.now ?? Date.now)() / 1000) + Math.round(target.ttlDays * 86_400);
      const doc = await this.options.clients.documentClient();
      const item = { ...eventItem({ ...event, payload }, target.owner, ttl), producer_id: event.producer_id };
      // A run's start goes through its marker: a restarted receiver never opens a run twice.
      const put = event.event_type === 'workflow_start' ? putRunStart : putEventItem;
      const outcome = await put(doc, target.tableName, item);
      if (outcome === 'clash') return this.clashed(event, target.tableName);
      if (outcome === 'reopened') return this.reopened(event, target.tableName);
      this._counts.written++;
      if (payload !== event.payload) this.truncated(event, size, target.tableName);
    } catch (err) {
      await this.failed(err, target.tableName);
    }
  }

  private truncated(event: OtlpEvent, size: number, tableName: string): void {
    this._counts.truncated++;
    this.sayOnce(
      'truncated',
      tableName,
      () =>
        `[otlp] An event of run ${event.workflow_id} (${event.event_type}, ${Math.round(size / 1024)} KB) is ` +
        `larger than the events table's payload limit of ${MAX_PAYLOAD_BYTES / 1024} KB; it was written to ` +
        `${tableName} cut to fit (its payload says truncated: true and its original size), and the live view ` +
        'shows it whole. Such events are counted.',
    );
  }

  private reopened(event: OtlpEvent, tableName: string): void {
    this._counts.reopened++;
    this.sayOnce(
      'reopened',
      tableName,
      () =>
        `[otlp] Run ${event.workflow_id} was opened in ${tableName} before (by this receiver before a restart); ` +
        'its further events are added to it without a second start. Such starts are counted, not written.',
    );
  }

  private clashed(event: OtlpEvent, tableName: string): void {
    this._counts.clashed++;
    this.sayOnce(
      'clashed',
      tableName,
      () =>
        `[otlp] An item of another producer already holds the key of event ${event.workflow_id} @ ` +
        `${event.timestamp} in ${tableName}; it was left as it is and the received event was not written. ` +
        'Such events are counted, not written.',
    );
  }

  private async failed(err: unknown, tableName: string): Promise<void> {
    this._counts.failed++;
    if (this.said.has(`failed:${tableName}`)) return;
    const context = await this.options.errorContext().catch(() => undefined);
    const cause = toUserError(err, context ?? { tableName, region: '' }).message;
    this.sayOnce(
      'failed',
      tableName,
      () =>
        `[otlp] Writing received spans to the events table failed: ${cause} The live view is not affected; ` +
        'later events are still tried and failures counted. Turn agentify.otlp.writeToTable off to stop writing.',
    );
  }

  private droppedMessage(): string {
    return (
      `[otlp] More than ${this.maxQueued} received events are waiting to be written to the events table; the ` +
      'newest are dropped and counted (the live view shows them). The table is slower than the spans arrive: check ' +
      "its throughput and Agentify's connection to it."
    );
  }

  private sayOnce(problem: Problem, tableName: string, message: () => string): void {
    const key = `${problem}:${tableName}`;
    if (this.said.has(key)) return;
    this.said.add(key);
    this.options.log(message());
  }
}
