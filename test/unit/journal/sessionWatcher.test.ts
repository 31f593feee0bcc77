/**
 * The session watcher with a timer the test advances itself (a fake, as the clock is the thing
 * under test): reads never overlap, a view is sent only when it changed, a read error is reported
 * and the next read still happens, and watching stops once the execution has ended, even when the
 * journal cannot be read then.
 */
import { describe, expect, it } from 'vitest';
import type { JournalItem, JournalStatus } from '../../../src/journal/journalStatus';
import type { ExecutionEnd } from '../../../src/journal/sessionStages';
import { SessionWatcher } from '../../../src/journal/sessionWatcher';
import type { SessionView } from '../../../src/protocol/demoViewer';

const entry = (Status: JournalStatus, ms: number): JournalItem => {
  const Timestamp = new Date(Date.UTC(2026, 0, 5) + ms).toISOString();
  return { PK: 'SESSION#s', SK: `EVENT#${Timestamp}`, Status, Timestamp };
};

function harness() {
  const timers: (() => void)[] = [];
  let items: JournalItem[] = [];
  let end: ExecutionEnd | undefined;
  let fail: Error | undefined;
  let reads = 0;
  const errors: Error[] = [];
  const views: SessionView[] = [];
  const watcher = new SessionWatcher({
    sessionId: 's',
    mode: 'offline',
    read: async () => {
      reads++;
      if (fail) throw fail;
      return items;
    },
    execution: async () => end,
    setTimer: (fn) => {
      timers.push(fn);
      return { dispose: () => undefined };
    },
    onError: (e) => errors.push(e),
  });
  watcher.onDidChange((v) => views.push(v));
  /** Runs the next scheduled read and lets it finish. */
  const step = async () => {
    const next = timers.shift();
    if (!next) throw new Error('no read is scheduled');
    next();
    await new Promise((r) => setImmediate(r));
  };
  return {
    watcher,
    timers,
    views,
    errors,
    step,
    reads: () => reads,
    set: (i: JournalItem[], e?: ExecutionEnd) => ((items = i), (end = e)),
    failWith: (e?: Error) => (fail = e),
  };
}

describe('SessionWatcher', () => {
  it('sends a view per change, not per read, and stops after the execution ended', async () => {
    const h = harness();
    h.set([entry('SESSION_INITIATED', 0)]);
    h.watcher.start();
    await new Promise((r) => setImmediate(r));
    expect(h.views).toHaveLength(1);
    await h.step(); // nothing new
    expect(h.views).toHaveLength(1);
    h.set([entry('SESSION_INITIATED', 0), entry('AGENT_INVOCATION_STARTED', 10)]);
    await h.step();
    expect(h.views).toHaveLength(2);
    h.set([entry('SESSION_INITIATED', 0), entry('AGENT_INVOCATION_STARTED', 10)], {
      status: 'FAILED',
      error: 'Agentify.SessionTimedOut',
      cause: 'no end',
    });
    await h.step();
    expect(h.views.at(-1)).toMatchObject({ outcome: 'failed', error: 'no end' });
    expect(h.timers).toHaveLength(0);
    expect(await h.watcher.done).toEqual(h.views.at(-1));
  });

  it('reports a read error and reads again on the next tick', async () => {
    const h = harness();
    h.failWith(new Error('throttled'));
    h.watcher.start();
    await new Promise((r) => setImmediate(r));
    expect(h.errors.map((e) => e.message)).toEqual(['throttled']);
    expect(h.timers).toHaveLength(1);
    h.failWith(undefined);
    h.set([entry('SESSION_INITIATED', 0)]);
    await h.step();
    expect(h.views).toHaveLength(1);
    expect(h.reads()).toBe(2);
  });

  it('ends with the execution’s outcome when the journal cannot be read after the execution ended', async () => {
    const h = harness();
    // The journal table is missing: the session's first write failed, and the IDE cannot read it either.
    h.failWith(new Error('The session journal table "j" does not exist'));
    h.set([], {
      status: 'FAILED',
      error: 'Agentify.SessionNotStarted',
      cause: 'The first journal entry SESSION_INITIATED could not be written',
    });
    h.watcher.start();
    const last = await h.watcher.done;
    expect(last).toMatchObject({
      outcome: 'failed',
      error: 'The first journal entry SESSION_INITIATED could not be written',
    });
    expect(h.errors.map((e) => e.message)).toEqual(['The session journal table "j" does not exist']);
    expect(h.timers).toHaveLength(0);
  });

  it('schedules nothing more once disposed', async () => {
    const h = harness();
    h.watcher.start();
    await new Promise((r) => setImmediate(r));
    h.watcher.dispose();
    await h.step();
    expect(h.timers).toHaveLength(0);
    expect(h.reads()).toBe(1);
  });
});
