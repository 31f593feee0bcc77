/**
 * Resolves when the stream holds the run's workflow_complete or workflow_error (already there or
 * arriving later), or with undefined once `signal` aborts. The executor uses it to learn how a run
 * that reports only to the table ended.
 */
import type { AgentifyEvent } from '../events/types';
import type { EventStream } from './types';

export type TerminalEventType = 'workflow_complete' | 'workflow_error';

function terminalOf(event: AgentifyEvent, workflowId: string): TerminalEventType | undefined {
  if (event.workflow_id !== workflowId) return undefined;
  return event.event_type === 'workflow_complete' || event.event_type === 'workflow_error' ? event.event_type : undefined;
}

export function awaitTerminalEvent(stream: EventStream, workflowId: string, signal: AbortSignal): Promise<TerminalEventType | undefined> {
  if (stream.currentWorkflowId === workflowId) {
    for (const event of stream.snapshot()) {
      const terminal = terminalOf(event, workflowId);
      if (terminal) return Promise.resolve(terminal);
    }
  }
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const done = (result: TerminalEventType | undefined) => {
      subscription.dispose();
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = () => done(undefined);
    const subscription = stream.onDidReceiveEvent(({ event }) => {
      const terminal = terminalOf(event, workflowId);
      if (terminal) done(terminal);
    });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
