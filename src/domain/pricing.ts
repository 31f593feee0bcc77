/**
 * Estimated model prices: a built-in table of common Bedrock, OpenAI and Anthropic model ids (USD
 * per 1,000 input / output tokens, list prices at the time of writing) that the setting
 * `agentify.pricing.models` extends or overrides. Costs derived from it are estimates: providers
 * change prices, and discounts, caching and batch rates are not known here. Pure and browser-safe.
 */

export interface ModelPrice {
  /** USD per 1,000 input tokens. */
  input: number;
  /** USD per 1,000 output tokens. */
  output: number;
}

export type PriceTable = Record<string, ModelPrice>;

/** Keys are model ids without a region or provider prefix; a key matches ids it starts. */
export const DEFAULT_PRICES: PriceTable = {
  // Anthropic (Anthropic API and Bedrock ids)
  'claude-opus-4-5': { input: 0.005, output: 0.025 },
  'claude-opus-4-1': { input: 0.015, output: 0.075 },
  'claude-opus-4': { input: 0.015, output: 0.075 },
  'claude-sonnet-4-5': { input: 0.003, output: 0.015 },
  'claude-sonnet-4': { input: 0.003, output: 0.015 },
  'claude-haiku-4-5': { input: 0.001, output: 0.005 },
  'claude-3-7-sonnet': { input: 0.003, output: 0.015 },
  'claude-3-5-sonnet': { input: 0.003, output: 0.015 },
  'claude-3-5-haiku': { input: 0.0008, output: 0.004 },
  'claude-3-opus': { input: 0.015, output: 0.075 },
  'claude-3-sonnet': { input: 0.003, output: 0.015 },
  'claude-3-haiku': { input: 0.00025, output: 0.00125 },
  // Amazon (Bedrock)
  'nova-premier': { input: 0.0025, output: 0.0125 },
  'nova-pro': { input: 0.0008, output: 0.0032 },
  'nova-lite': { input: 0.00006, output: 0.00024 },
  'nova-micro': { input: 0.000035, output: 0.00014 },
  'titan-text-premier': { input: 0.0005, output: 0.0015 },
  'titan-text-express': { input: 0.0002, output: 0.0006 },
  'titan-text-lite': { input: 0.00015, output: 0.0002 },
  // Meta and Mistral (Bedrock)
  'llama3-1-405b-instruct': { input: 0.0024, output: 0.0024 },
  'llama3-1-70b-instruct': { input: 0.00072, output: 0.00072 },
  'llama3-1-8b-instruct': { input: 0.00022, output: 0.00022 },
  'llama3-3-70b-instruct': { input: 0.00072, output: 0.00072 },
  'mistral-large': { input: 0.004, output: 0.012 },
  'mistral-small': { input: 0.001, output: 0.003 },
  // OpenAI
  'gpt-5': { input: 0.00125, output: 0.01 },
  'gpt-5-mini': { input: 0.00025, output: 0.002 },
  'gpt-5-nano': { input: 0.00005, output: 0.0004 },
  'gpt-4.1': { input: 0.002, output: 0.008 },
  'gpt-4.1-mini': { input: 0.0004, output: 0.0016 },
  'gpt-4.1-nano': { input: 0.0001, output: 0.0004 },
  'gpt-4o': { input: 0.0025, output: 0.01 },
  'gpt-4o-mini': { input: 0.00015, output: 0.0006 },
  'gpt-4-turbo': { input: 0.01, output: 0.03 },
  'gpt-3.5-turbo': { input: 0.0005, output: 0.0015 },
  o1: { input: 0.015, output: 0.06 },
  'o1-mini': { input: 0.0011, output: 0.0044 },
  o3: { input: 0.002, output: 0.008 },
  'o3-mini': { input: 0.0011, output: 0.0044 },
  'o4-mini': { input: 0.0011, output: 0.0044 },
};

const REGION_PREFIX = /^(?:us|eu|apac|ap|ca|jp|au|us-gov|global)\./;
const PROVIDER_PREFIX = /^(?:anthropic|amazon|meta|mistral|mistralai|cohere|ai21|openai|deepseek|writer)[./]/;

/** A model id as the table keys it: lower case, without a cross-region or provider prefix. */
export function normalizeModelId(model: string): string {
  let id = model.trim().toLowerCase();
  // Bedrock ARNs end in the model or inference-profile id.
  const slash = id.lastIndexOf('/');
  if (id.startsWith('arn:') && slash >= 0) id = id.slice(slash + 1);
  id = id.replace(REGION_PREFIX, '');
  id = id.replace(PROVIDER_PREFIX, '');
  return id;
}

/** A key matches an id that equals it or continues it after a separator ("-", ":", "@", "."). */
function continues(id: string, key: string): boolean {
  if (!id.startsWith(key)) return false;
  if (id.length === key.length) return true;
  const next = id[key.length];
  return next === '-' || next === ':' || next === '@' || next === '.' || next === '_';
}

/** Built-in prices with the user's entries on top (theirs win, also for ids written in full). */
export function mergePrices(user: unknown): PriceTable {
  const table: PriceTable = { ...DEFAULT_PRICES };
  if (!user || typeof user !== 'object' || Array.isArray(user)) return table;
  for (const [key, value] of Object.entries(user as Record<string, unknown>)) {
    if (!isModelPrice(value)) continue;
    table[normalizeModelId(key)] = { input: value.input, output: value.output };
  }
  return table;
}

export function isModelPrice(v: unknown): v is ModelPrice {
  if (!v || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  return [p.input, p.output].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0);
}

/** The price of a model id, by its longest matching key; undefined when the table has none. */
export function priceFor(model: string | undefined, table: PriceTable): ModelPrice | undefined {
  if (!model) return undefined;
  const id = normalizeModelId(model);
  if (table[id]) return table[id];
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if (continues(id, key) && (!best || key.length > best.length)) best = key;
  }
  return best ? table[best] : undefined;
}

/** Estimated USD cost of one call, or undefined when the model has no price. */
export function costOf(
  model: string | undefined,
  inputTokens: number,
  outputTokens: number,
  table: PriceTable,
): number | undefined {
  const price = priceFor(model, table);
  if (!price) return undefined;
  return (inputTokens / 1000) * price.input + (outputTokens / 1000) * price.output;
}

/** "$0.0123" with enough digits for small amounts; always marked as an estimate by the caller. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0.0001) return '<$0.0001';
  if (usd < 1) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}
