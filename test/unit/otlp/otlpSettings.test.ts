import { describe, expect, it } from 'vitest';
import { readOtlpSettings } from '../../../src/otlp/otlpSettings';

const config = (values: Record<string, unknown>) => ({
  get: <T>(key: string, fallback: T): T => (key in values ? (values[key] as T) : fallback),
});

describe('readOtlpSettings', () => {
  it('defaults to on, port 4318', () => {
    expect(readOtlpSettings(config({}))).toEqual({ enabled: true, port: 4318 });
  });

  it('takes a valid port and the switch', () => {
    expect(readOtlpSettings(config({ 'otlp.port': 0, 'otlp.enabled': false }))).toEqual({ enabled: false, port: 0 });
    expect(readOtlpSettings(config({ 'otlp.port': 14318 })).port).toBe(14318);
  });

  it('falls back to 4318 for a port that is not one', () => {
    for (const port of [-1, 65536, 43.5, '4318', null])
      expect(readOtlpSettings(config({ 'otlp.port': port })).port).toBe(4318);
  });
});
