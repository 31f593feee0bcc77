import { describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../../src/events/types';
import { RunClock, runDuration } from '../../../src/domain/runDuration';

const ev = (timestamp: number, event_type: AgentifyEvent['event_type'] = 'log') => ({ timestamp, event_type });

describe('run time: first to last event of the workflow', () => {
  it('is the time from the first event to the terminal event, whatever arrives after', () => {
    expect(runDuration([ev(1000, 'workflow_start'), ev(1500), ev(2710, 'workflow_complete')])).toBe(1710);
    expect(runDuration([ev(1000, 'workflow_start'), ev(2710, 'workflow_error'), ev(2900)])).toBe(1710);
  });

  it('uses the last event when the run ended without a terminal event, and nothing before any event', () => {
    expect(runDuration([ev(1000, 'workflow_start'), ev(1800)])).toBe(800);
    expect(runDuration([])).toBeUndefined();
  });

  it('counts live from the first event by the local clock, and stops at the terminal event', () => {
    const clock = new RunClock();
    expect(clock.elapsed(5000)).toBeUndefined();
    clock.add(ev(1000, 'workflow_start'));
    expect(clock.elapsed(3780)).toBe(2780);
    clock.add(ev(2710, 'workflow_complete'));
    expect(clock.elapsed(3780)).toBe(1710);
  });

  it('falls back to the span of the events when the workflow’s clock is far from this machine’s', () => {
    const clock = new RunClock();
    clock.add(ev(1000, 'workflow_start'));
    clock.add(ev(1400));
    expect(clock.elapsed(1000 + 3 * 86_400_000)).toBe(400);
    expect(clock.elapsed(500)).toBe(400);
  });
});
