/**
 * A clock whose timers fire only when a test says so, so polling tests never sleep. It records
 * every delay scheduled, and `nextTimer()` waits (on the event, with a timeout) until the service
 * schedules its next poll.
 */
import type { Clock } from '../../../src/common/clock';

interface Timer {
  id: number;
  at: number;
  ms: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  time = 1_767_600_000_000;
  readonly scheduled: number[] = [];
  private timers: Timer[] = [];
  private nextId = 1;
  private waiters: Array<() => void> = [];

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + ms, ms, fn };
    this.timers.push(timer);
    this.scheduled.push(ms);
    for (const w of this.waiters.splice(0)) w();
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Resolves with the delay of the earliest pending timer, waiting for one to be scheduled. */
  async nextTimer(timeoutMs = 10_000): Promise<number> {
    if (!this.timers.length) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('no timer was scheduled')), timeoutMs);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.earliest().ms;
  }

  /** Moves time to the earliest timer and fires it; returns its delay. */
  async fireNext(timeoutMs?: number): Promise<number> {
    await this.nextTimer(timeoutMs);
    const timer = this.earliest();
    this.timers = this.timers.filter((t) => t !== timer);
    this.time = Math.max(this.time, timer.at);
    timer.fn();
    return timer.ms;
  }

  private earliest(): Timer {
    return this.timers.reduce((a, b) => (b.at < a.at ? b : a));
  }
}
