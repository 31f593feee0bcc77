/**
 * What is still missing from a run, from the `producer_id` / `seq` every Agentify event carries:
 * per producer, the highest sequence number up to which every event has been seen, and the events
 * seen above it. A hole is a gap; since a producer's timestamps rise with its `seq`, the missing
 * events of a gap lie strictly between the timestamps of its neighbours, however old they are.
 * Events without `producer_id` / `seq` (other tools') are not tracked.
 */
import type { AgentifyEvent } from '../events/types';

export interface SequenceGap {
  producerId: string;
  /** First and last missing seq, inclusive. */
  fromSeq: number;
  toSeq: number;
  /** The missing events' timestamps lie strictly between these (0 when nothing before is known). */
  afterTimestamp: number;
  beforeTimestamp: number;
}

interface Producer {
  /** Every seq up to this one has been seen. */
  contiguous: number;
  contiguousTimestamp: number;
  /** seq → timestamp of events seen above a gap. */
  above: Map<number, number>;
}

export class ProducerSequences {
  private readonly producers = new Map<string, Producer>();

  /** Notes an event new to the run. */
  add(event: AgentifyEvent): void {
    const { producer_id: id, seq } = event;
    if (id === undefined || seq === undefined) return;
    let p = this.producers.get(id);
    if (!p) this.producers.set(id, (p = { contiguous: 0, contiguousTimestamp: 0, above: new Map() }));
    if (seq <= p.contiguous) return;
    if (seq !== p.contiguous + 1) {
      p.above.set(seq, event.timestamp);
      return;
    }
    p.contiguous = seq;
    p.contiguousTimestamp = event.timestamp;
    for (let next = p.above.get(seq + 1); next !== undefined; next = p.above.get(p.contiguous + 1)) {
      p.above.delete(++p.contiguous);
      p.contiguousTimestamp = next;
    }
  }

  /** Every hole, per producer, in seq order. */
  gaps(): SequenceGap[] {
    const gaps: SequenceGap[] = [];
    for (const [producerId, p] of this.producers) {
      if (p.above.size === 0) continue;
      let lastSeq = p.contiguous;
      let lastTimestamp = p.contiguousTimestamp;
      for (const seq of [...p.above.keys()].sort((a, b) => a - b)) {
        const timestamp = p.above.get(seq)!;
        if (seq > lastSeq + 1)
          gaps.push({
            producerId,
            fromSeq: lastSeq + 1,
            toSeq: seq - 1,
            afterTimestamp: lastTimestamp,
            beforeTimestamp: timestamp,
          });
        lastSeq = seq;
        lastTimestamp = timestamp;
      }
    }
    return gaps;
  }
}

/** How many events the gaps hold. */
export function missingCount(gaps: readonly SequenceGap[]): number {
  return gaps.reduce((n, g) => n + g.toSeq - g.fromSeq + 1, 0);
}

/** "2 events of producer p-1 (seq 5–6), 1 event of producer p-2 (seq 9)", for messages. */
export function describeGaps(gaps: readonly SequenceGap[]): string {
  const byProducer = new Map<string, SequenceGap[]>();
  for (const g of gaps) byProducer.set(g.producerId, [...(byProducer.get(g.producerId) ?? []), g]);
  return [...byProducer]
    .map(([producer, own]) => {
      const n = missingCount(own);
      const ranges = own.map((g) => (g.fromSeq === g.toSeq ? `${g.fromSeq}` : `${g.fromSeq}–${g.toSeq}`)).join(', ');
      return `${n} ${n === 1 ? 'event' : 'events'} of producer ${producer} (seq ${ranges})`;
    })
    .join(', ');
}
