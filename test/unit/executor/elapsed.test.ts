import { describe, expect, it } from 'vitest';
import { formatElapsed } from '../../../src/executor/elapsed';

describe('formatElapsed', () => {
  it('writes minutes and zero-padded seconds under an hour', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(9_999)).toBe('0:09');
    expect(formatElapsed(605_000)).toBe('10:05');
  });

  it('adds hours and pads minutes past an hour', () => {
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
  });

  it('shows 0:00 for a start time slightly in the future (clock skew)', () => {
    expect(formatElapsed(-500)).toBe('0:00');
  });
});
