import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRICES,
  costOf,
  formatCost,
  mergePrices,
  normalizeModelId,
  priceFor,
} from '../../../src/domain/pricing';

describe('model prices', () => {
  it('finds Bedrock ids with region and provider prefixes and version suffixes', () => {
    expect(normalizeModelId('us.anthropic.claude-3-5-sonnet-20241022-v2:0')).toBe('claude-3-5-sonnet-20241022-v2:0');
    expect(priceFor('us.anthropic.claude-3-5-sonnet-20241022-v2:0', DEFAULT_PRICES)).toEqual({
      input: 0.003,
      output: 0.015,
    });
    expect(priceFor('anthropic.claude-3-haiku-20240307-v1:0', DEFAULT_PRICES)).toEqual({
      input: 0.00025,
      output: 0.00125,
    });
    expect(priceFor('amazon.nova-pro-v1:0', DEFAULT_PRICES)).toEqual({ input: 0.0008, output: 0.0032 });
    expect(
      priceFor('arn:aws:bedrock:us-east-1:123:inference-profile/eu.amazon.nova-lite-v1:0', DEFAULT_PRICES),
    ).toEqual(DEFAULT_PRICES['nova-lite']);
    expect(priceFor('meta.llama3-1-8b-instruct-v1:0', DEFAULT_PRICES)).toEqual(DEFAULT_PRICES['llama3-1-8b-instruct']);
  });

  it('prefers the longest key, so a mini model never gets its big sibling’s price', () => {
    expect(priceFor('gpt-4o-mini-2024-07-18', DEFAULT_PRICES)).toEqual(DEFAULT_PRICES['gpt-4o-mini']);
    expect(priceFor('gpt-4o-2024-08-06', DEFAULT_PRICES)).toEqual(DEFAULT_PRICES['gpt-4o']);
    expect(priceFor('o3-mini', DEFAULT_PRICES)).toEqual(DEFAULT_PRICES['o3-mini']);
    expect(priceFor('claude-sonnet-4-5-20250929', DEFAULT_PRICES)).toEqual(DEFAULT_PRICES['claude-sonnet-4-5']);
  });

  it('has no price for unknown models or a key that only shares letters', () => {
    expect(priceFor('offline-simulator', DEFAULT_PRICES)).toBeUndefined();
    expect(priceFor('gpt-4oz', DEFAULT_PRICES)).toBeUndefined();
    expect(priceFor(undefined, DEFAULT_PRICES)).toBeUndefined();
    expect(costOf('my-local-model', 1000, 1000, DEFAULT_PRICES)).toBeUndefined();
  });

  it('computes cost per 1,000 tokens, with the user’s prices over the defaults', () => {
    expect(costOf('claude-3-5-sonnet', 2000, 1000, DEFAULT_PRICES)).toBeCloseTo(0.006 + 0.015, 10);
    const table = mergePrices({
      'anthropic.claude-3-5-sonnet': { input: 1, output: 2 },
      'offline-simulator': { input: 0.5, output: 0.5 },
      broken: { input: 'x' },
      neg: { input: -1, output: 1 },
    });
    expect(costOf('us.anthropic.claude-3-5-sonnet-20241022-v2:0', 1000, 1000, table)).toBe(3);
    expect(costOf('offline-simulator', 2000, 0, table)).toBe(1);
    expect(table.broken).toBeUndefined();
    expect(table.neg).toBeUndefined();
    expect(mergePrices('nonsense')).toEqual(DEFAULT_PRICES);
  });

  it('formats small amounts with enough digits', () => {
    expect(formatCost(0)).toBe('$0.00');
    expect(formatCost(0.00004)).toBe('<$0.0001');
    expect(formatCost(0.0123)).toBe('$0.0123');
    expect(formatCost(12.345)).toBe('$12.35');
  });
});
