import { describe, expect, it } from 'vitest';
import { readOtlpSettings } from '../../../src/otlp/otlpSettings';

describe('readOtlpSettings', () => {
  it('takes a valid port and the switch', () => {
    expect(readOtlpSettings({ enabled: true, port: 4318 })).toEqual({ enabled: true, port: 4318 });
    expect(readOtlpSettings({ enabled: false, port: 0 })).toEqual({ enabled: false, port: 0 });
    expect(readOtlpSettings({ enabled: true, port: 14318 }).port).toBe(14318);
  });

  it('falls back to 4318 for a port that is not one', () => {
    for (const port of [-1, 65536, 43.5, Number.NaN]) expect(readOtlpSettings({ enabled: true, port }).port).toBe(4318);
  });
});
