import { describe, expect, it } from 'vitest';
import { DedupWindow } from '../../../src/polling/dedupWindow';

describe('DedupWindow', () => {
  it('recognises a key it holds', () => {
    const w = new DedupWindow(10);
    expect(w.add('wf:1', 1)).toBe(true);
    expect(w.add('wf:1', 1)).toBe(false);
    expect(w.add('wf:2', 2)).toBe(true);
  });

  it('prunes keys below the lookback window', () => {
    const w = new DedupWindow(10);
    for (let ts = 1; ts <= 5; ts++) w.add(`wf:${ts}`, ts);
    w.pruneBelow(4);
    expect(w.size).toBe(2);
    expect(w.add('wf:4', 4)).toBe(false);
    expect(w.floor).toBe(0);
  });

  it('past its cap evicts the oldest keys and raises the floor above them', () => {
    const w = new DedupWindow(3);
    for (let ts = 1; ts <= 5; ts++) w.add(`wf:${ts}`, ts);
    expect(w.size).toBe(3);
    expect(w.floor).toBe(2);
    w.clear();
    expect([w.size, w.floor]).toEqual([0, 0]);
  });
});
