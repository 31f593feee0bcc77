/**
 * Identifiers of one run: the workflow id keys the run's events in the table, the trace id ties its
 * spans together (W3C trace-context shape, 32 hex digits).
 */
import { randomBytes } from 'node:crypto';

export function newWorkflowId(): string {
  return `wf-${randomBytes(4).toString('hex')}`;
}

export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}
