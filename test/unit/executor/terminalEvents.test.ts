import { describe, expect, it } from 'vitest';
import { peekStdoutEvent } from '../../../src/executor/terminalEvents';

describe('peekStdoutEvent', () => {
  it('reads the event type, workflow id and timestamp from the envelope', () => {
    const line = JSON.stringify({ agentify: 1, event: { workflow_id: 'wf-1', timestamp: 5, event_type: 'workflow_complete', payload: {} } });
    expect(peekStdoutEvent(line)).toEqual({ eventType: 'workflow_complete', workflowId: 'wf-1', timestamp: 5 });
  });

  it('ignores ordinary output, other envelopes and broken JSON', () => {
    expect(peekStdoutEvent('workflow_complete')).toBeUndefined();
    expect(peekStdoutEvent('{"event_type": "workflow_complete"}')).toBeUndefined();
    expect(peekStdoutEvent('{"agentify": 2, "event": {"event_type": "workflow_complete"}}')).toBeUndefined();
    expect(peekStdoutEvent('{"agentify": 1, "event": {"event_type": "workflow_comp')).toBeUndefined();
  });
});
