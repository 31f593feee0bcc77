/** Whether a protocol schema lets a value through, as MessageRouter and HostBridge read it. */
import { Schema, parseUntrusted } from '../../../src/protocol/ipc';

export const accepts = (schema: Schema<unknown>, value: unknown): boolean => parseUntrusted(schema, value).success;

/** What a handler would receive: the schema's output, or the reason it was refused. */
export function output<T>(schema: Schema<T>, value: unknown): T {
  const parsed = parseUntrusted(schema, value);
  if (!parsed.success) throw new Error(`refused: ${parsed.reason}`);
  return parsed.output;
}

export const chars = (n: number) => 'x'.repeat(n);
