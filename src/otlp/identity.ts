/**
 * Identity of what the receiver emits. A run's workflow_id is the `agentify.workflow_id` resource
 * (or span) attribute when the producer sets one — the executor does, through
 * OTEL_RESOURCE_ATTRIBUTES, and so does Agentify's own export — otherwise `otel-<trace id>`, so
 * one trace is one run. Event timestamps are claimed per (span, role) from the span's own times at
 * microsecond resolution (slotTimestamp: `ms + (µs + ½)/1000`), unique within the run: the same span always claims the
 * same slot, so an exporter's retry of a batch maps to the same identities and the host drops it.
 */
import { createHash } from 'node:crypto';

export const OTLP_PRODUCER_ID = 'otlp';

export const derivedWorkflowId = (traceId: string): string => `otel-${traceId}`;

/** The span id of a run's workflow span: derived from the workflow id, so the export and the receiver agree on it. */
export function workflowSpanId(workflowId: string): string {
  const digest = createHash('sha256').update(`agentify.workflow:${workflowId}`).digest('hex');
  const id = digest.slice(0, 16);
  return /^0+$/.test(id) ? digest.slice(16, 32) : id;
}

/** Epoch ms with the microsecond as fraction: a span's own time, as shown. */
export const microsToTimestamp = (us: number): number => us / 1000;

/**
 * The timestamp of the event at microsecond slot `us`: `(µs + ½) / 1000`. A decorator's timestamps
 * have at most three decimals (`ms + slot/1000`), and the half microsecond puts every one of these
 * between two of theirs, more than a unit of the double's last place apart (until 2109), so in a
 * run that the decorators and OpenTelemetry both report no two events ever share a key.
 */
export const slotTimestamp = (us: number): number => (us + 0.5) / 1000;

/** Unique microsecond slots of one run, remembered per key so a key always gets the slot it got first. */
export class TimestampSlots {
  private readonly owner = new Map<number, string>();
  private readonly byKey = new Map<string, number>();

  get size(): number {
    return this.byKey.size;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The slot for `key`: the one it already has, else `desired` or the next free one after it. */
  claim(key: string, desired: number): number {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let us = Math.round(desired);
    while (this.owner.has(us)) us += 1;
    this.owner.set(us, key);
    this.byKey.set(key, us);
    return us;
  }
}
