/** awaitTerminalEvent over the real MergedEventStream, its table side a plain emitter. */
import { describe, expect, it } from 'vitest';
import { EventEmitter } from '../../../src/common/emitter';
import { AgentifyError } from '../../../src/common/errors';
import type { AgentifyEvent } from '../../../src/events/types';
import { awaitTerminalEvent } from '../../../src/stream/awaitTerminalEvent';
import { EventPoller, MergedEventStream } from '../../../src/stream/mergedEventStream';
import { StdoutEventParser } from '../../../src/stream/stdoutEventParser';

class TablePoller implements EventPoller {
  readonly events = new EventEmitter<AgentifyEvent>();
  readonly onEvent = this.events.event;
  readonly onError = new EventEmitter<AgentifyError>().event;
  startPolling() {}
  stopPolling() {}
}

const ev = (wf: string, ts: number, type: AgentifyEvent['event_type']): AgentifyEvent => ({ workflow_id: wf, timestamp: ts, event_type: type, payload: {} });

function setup() {
  const poller = new TablePoller();
  const stream = new MergedEventStream(poller, new StdoutEventParser());
  stream.startRun('wf-1');
  return { poller, stream };
}

describe('awaitTerminalEvent', () => {
  it('resolves with a terminal event the stream already holds', async () => {
    const { poller, stream } = setup();
    poller.events.fire(ev('wf-1', 1, 'workflow_start'));
    poller.events.fire(ev('wf-1', 2, 'workflow_error'));
    await expect(awaitTerminalEvent(stream, 'wf-1', new AbortController().signal)).resolves.toBe('workflow_error');
  });

  it('waits past other events for the terminal one arriving from the table', async () => {
    const { poller, stream } = setup();
    const result = awaitTerminalEvent(stream, 'wf-1', new AbortController().signal);
    poller.events.fire(ev('wf-1', 1, 'agent_start'));
    poller.events.fire(ev('wf-1', 2, 'workflow_complete'));
    await expect(result).resolves.toBe('workflow_complete');
  });

  it('ignores another run and resolves undefined when aborted', async () => {
    const { poller, stream } = setup();
    const abort = new AbortController();
    let settled: unknown = 'pending';
    const result = awaitTerminalEvent(stream, 'wf-2', abort.signal).then((r) => (settled = r));
    poller.events.fire(ev('wf-1', 5, 'workflow_complete'));
    await Promise.resolve();
    expect(settled).toBe('pending');
    abort.abort();
    await result;
    expect(settled).toBeUndefined();
  });

  it('resolves undefined at once for an aborted signal', async () => {
    const { stream } = setup();
    const abort = new AbortController();
    abort.abort();
    await expect(awaitTerminalEvent(stream, 'wf-1', abort.signal)).resolves.toBeUndefined();
  });
});
