/**
 * The set of event keys already delivered for the current run, bounded in two ways: keys older
 * than the lookback window are pruned (a query never reaches below the window, so they cannot come
 * back), and past `maxEntries` the oldest keys are evicted and `floor` rises above them, so the
 * caller never queries the range it can no longer recognise (no duplicate can slip through).
 */
export class DedupWindow {
  /** key → timestamp, in insertion order (close to timestamp order: queries run ascending). */
  private readonly seen = new Map<string, number>();
  private _floor = 0;

  constructor(private readonly maxEntries: number) {}

  /** Timestamps at or below this are never queried again (raised by eviction). */
  get floor(): number {
    return this._floor;
  }

  get size(): number {
    return this.seen.size;
  }

  /** Records the key; false when it was already there. */
  add(key: string, timestamp: number): boolean {
    if (this.seen.has(key)) return false;
    this.seen.set(key, timestamp);
    while (this.seen.size > this.maxEntries) {
      const [oldestKey, oldestTs] = this.seen.entries().next().value as [string, number];
      this.seen.delete(oldestKey);
      this._floor = Math.max(this._floor, oldestTs);
    }
    return true;
  }

  /** Drops keys whose timestamp is below `minTimestamp` (outside the lookback window). */
  pruneBelow(minTimestamp: number): void {
    for (const [key, ts] of this.seen) {
      if (ts < minTimestamp) this.seen.delete(key);
    }
  }

  clear(): void {
    this.seen.clear();
    this._floor = 0;
  }
}
