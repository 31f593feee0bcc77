/**
 * One run's events as a list: each event once by its identity (`workflow_id:timestamp`, fixed by
 * the producer), kept in timestamp order whatever order the sources deliver in. The only dedup and
 * ordering of events in the host; what comes out of it is shown as it is.
 *
 * Memory: up to `maxEvents` (default 100,000, what the viewer can show). Past the cap the oldest
 * tenth leaves the list and anything at or below their timestamp is refused from then on, so the
 * identity set stays as bounded as the list.
 */
import { AgentifyEvent, eventKey } from '../events/types';

export class RunEventList {
  private events: AgentifyEvent[] = [];
  private keys = new Set<string>();
  /** Timestamps at or below this left the list (cap) and are refused. */
  private droppedUpTo = -Infinity;

  constructor(private readonly maxEvents = 100_000) {}

  get size(): number {
    return this.events.length;
  }

  snapshot(): readonly AgentifyEvent[] {
    return [...this.events];
  }

  /** Adds an event new to the run; false for one already held (or older than the cap keeps). */
  add(event: AgentifyEvent): boolean {
    const key = eventKey(event);
    if (event.timestamp <= this.droppedUpTo || this.keys.has(key)) return false;
    this.keys.add(key);
    this.events.splice(this.insertionIndex(event.timestamp), 0, event);
    if (this.events.length > this.maxEvents) this.dropOldest();
    return true;
  }

  /** First position whose timestamp is greater than `timestamp` (binary search; appends are O(1)). */
  private insertionIndex(timestamp: number): number {
    let lo = 0;
    let hi = this.events.length;
    if (hi === 0 || this.events[hi - 1].timestamp < timestamp) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid].timestamp <= timestamp) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops a tenth of the cap from the front (amortised). */
  private dropOldest(): void {
    const count = Math.max(1, Math.floor(this.maxEvents / 10), this.events.length - this.maxEvents);
    const removed = this.events.splice(0, count);
    for (const e of removed) this.keys.delete(eventKey(e));
    this.droppedUpTo = removed[removed.length - 1].timestamp;
  }
}
