/**
 * The Demo Viewer's run model without a browser (it needs no DOM): one identity per agent whether
 * events name it by graph id or label, hand-off counts, and agent status for runs that fail or
 * never reach an agent.
 */
import { describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../../src/events/types';
import { RunModel } from '../../../webview-ui/demo-viewer/model';

const WF = 'wf-model';
let t = 0;
const e = (
  event_type: AgentifyEvent['event_type'],
  payload: AgentifyEvent['payload'] = {},
  agent_name?: string,
): AgentifyEvent => ({ workflow_id: WF, timestamp: ++t, event_type, payload, ...(agent_name ? { agent_name } : {}) });
const run = (status: 'running' | 'completed' | 'failed' = 'running') => ({
  workflowId: WF,
  prompt: '',
  startedAt: 0,
  status,
  source: 'live' as const,
});

describe('RunModel agent identity', () => {
  it('matches events to graph nodes by id or label, before or after the graph arrives', () => {
    const m = new RunModel();
    m.reset(run());
    // An agent seen by its label before the graph is declared still becomes that node.
    m.add(e('agent_start', { span_id: 'a' }, 'Triage Agent'));
    m.add(
      e('graph_structure', {
        nodes: [
          { id: 'agent-1', label: 'Triage Agent', kind: 'agent' },
          { id: 'agent-2', label: 'Research Agent', kind: 'agent' },
        ],
        edges: [{ from: 'agent-1', to: 'agent-2', label: 'hand-off' }],
      }),
    );
    m.add(e('agent_end', { span_id: 'a', status: 'completed' }, 'Triage Agent'));
    m.add(e('agent_start', { span_id: 'b' }, 'agent-2'));
    expect(m.agents).toEqual(['agent-1', 'agent-2']);
    expect(m.graph().edges).toEqual([{ from: 'agent-1', to: 'agent-2', label: 'hand-off' }]);
    expect(m.edgeCounts().get('agent-1\u0000agent-2')).toBe(1);
    expect(m.activeAgent).toBe('agent-2');
    expect(m.agentLabel('agent-2')).toBe('Research Agent');
    expect(m.resolveAgent('Research Agent')).toBe('agent-2');
    expect(m.resolveAgent('Someone else')).toBe('Someone else');
  });

  it('keeps an undeclared agent as its own node, and an id wins over another node’s label', () => {
    const m = new RunModel();
    m.reset(run());
    m.add(
      e('graph_structure', {
        nodes: [
          { id: 'a', label: 'b', kind: 'agent' },
          { id: 'b', label: 'Bee', kind: 'agent' },
        ],
        edges: [],
      }),
    );
    m.add(e('agent_start', { span_id: 's' }, 'b'));
    m.add(e('agent_start', { span_id: 's2' }, 'helper'));
    expect(m.agents).toEqual(['a', 'b', 'helper']);
    expect(m.resolveAgent('b')).toBe('b');
  });
});

describe('RunModel agent status', () => {
  it('says running, done, failed and not reached', () => {
    const m = new RunModel();
    m.reset(run());
    m.add(e('workflow_start', { span_id: 'wf' }));
    m.add(e('graph_structure', { nodes: ['p', 'r', 'w'].map((id) => ({ id, kind: 'agent' as const })), edges: [] }));
    m.add(e('agent_start', { span_id: 'p1', parent_span_id: 'wf' }, 'p'));
    expect(m.agentStats().get('p')?.status).toBe('running');
    expect(m.agentStats().get('w')?.status).toBe('pending');
    m.add(e('agent_end', { span_id: 'p1', status: 'completed' }, 'p'));
    m.add(e('agent_start', { span_id: 'r1', parent_span_id: 'wf' }, 'r'));
    m.add(
      e(
        'tool_call',
        {
          span_id: 't1',
          parent_span_id: 'r1',
          status: 'failed',
          'gen_ai.tool.name': 'x',
          error: { type: 'E', message: 'm' },
        },
        'r',
      ),
    );
    m.add(e('agent_end', { span_id: 'r1', status: 'failed', error: { type: 'E', message: 'm' } }, 'r'));
    m.add(e('workflow_error', { span_id: 'wf', error: { type: 'E', message: 'm' } }));
    const stats = m.agentStats();
    expect([...stats].map(([id, s]) => [id, s.status, s.runs, s.toolCalls])).toEqual([
      ['p', 'done', 1, 0],
      ['r', 'failed', 1, 1],
      ['w', 'notReached', 0, 0],
    ]);
    expect(m.edgeCounts().get('p\u0000r')).toBe(1);
    expect(m.clock.duration).toBe(m.terminal!.timestamp - m.events[0].timestamp);
  });
});
