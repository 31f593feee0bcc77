import { describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../../src/events/types';
import { ProducerSequences, describeGaps, missingCount } from '../../../src/run/producerSequences';

const ev = (producer: string | undefined, seq: number | undefined, timestamp: number): AgentifyEvent => ({
  workflow_id: 'wf',
  timestamp,
  event_type: 'log',
  payload: {},
  ...(producer ? { producer_id: producer } : {}),
  ...(seq ? { seq } : {}),
});

describe('ProducerSequences', () => {
  it('knows no gap while each producer’s events arrive in sequence, in any interleaving', () => {
    const s = new ProducerSequences();
    for (const e of [ev('a', 1, 10), ev('b', 1, 10.001), ev('a', 2, 11), ev('b', 2, 12.001)]) s.add(e);
    expect(s.gaps()).toEqual([]);
  });

  it('names each hole with the timestamps its missing events lie between, and closes it when they arrive', () => {
    const s = new ProducerSequences();
    for (const e of [ev('a', 1, 10), ev('a', 4, 40), ev('a', 6, 60), ev('b', 3, 30.001)]) s.add(e);
    expect(s.gaps()).toEqual([
      { producerId: 'a', fromSeq: 2, toSeq: 3, afterTimestamp: 10, beforeTimestamp: 40 },
      { producerId: 'a', fromSeq: 5, toSeq: 5, afterTimestamp: 40, beforeTimestamp: 60 },
      { producerId: 'b', fromSeq: 1, toSeq: 2, afterTimestamp: 0, beforeTimestamp: 30.001 },
    ]);
    expect(missingCount(s.gaps())).toBe(5);
    expect(describeGaps(s.gaps())).toBe('3 events of producer a (seq 2–3, 5), 2 events of producer b (seq 1–2)');
    for (const e of [ev('a', 3, 30), ev('a', 2, 20), ev('a', 5, 50), ev('b', 1, 1), ev('b', 2, 2)]) s.add(e);
    expect(s.gaps()).toEqual([]);
    s.add(ev('a', 8, 80));
    expect(s.gaps()).toEqual([{ producerId: 'a', fromSeq: 7, toSeq: 7, afterTimestamp: 60, beforeTimestamp: 80 }]);
  });

  it('ignores events without producer_id or seq, and repeats', () => {
    const s = new ProducerSequences();
    for (const e of [ev(undefined, 5, 1), ev('a', undefined, 2), ev('a', 1, 3), ev('a', 1, 3)]) s.add(e);
    expect(s.gaps()).toEqual([]);
    expect(describeGaps([{ producerId: 'x', fromSeq: 9, toSeq: 9, afterTimestamp: 0, beforeTimestamp: 1 }])).toBe(
      '1 event of producer x (seq 9)',
    );
  });
});
