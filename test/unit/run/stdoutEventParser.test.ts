import { describe, expect, it } from 'vitest';
import type { AgentifyEvent } from '../../../src/events/types';
import { toEpochMs } from '../../../src/run/legacyEvents';
import { StdoutEventParser } from '../../../src/run/stdoutEventParser';

function parser(workflowId = 'wf-1', now = () => 1_767_600_000_000) {
  const p = new StdoutEventParser(workflowId, now);
  const events: AgentifyEvent[] = [];
  const output: string[] = [];
  const malformed: string[] = [];
  p.onEvents((e) => events.push(...e));
  p.onOutput((l) => output.push(l));
  p.onMalformed((m) => malformed.push(m));
  return { p, events, output, malformed };
}

const envelope = (event: object) => JSON.stringify({ agentify: 1, event });
const ev = (ts: number, type = 'log') => ({
  workflow_id: 'wf-1',
  timestamp: ts,
  event_type: type,
  payload: { message: 'hi' },
});

describe('StdoutEventParser', () => {
  it('turns envelope lines into events and passes the user’s own prints to output', () => {
    const { p, events, output, malformed } = parser();
    for (const line of [
      'Starting research…',
      envelope(ev(1, 'workflow_start')),
      '{"user": "json print"}',
      envelope(ev(2)),
      '',
      '   indented text',
    ])
      p.acceptLine(line);
    expect(events.map((e) => [e.timestamp, e.event_type])).toEqual([
      [1, 'workflow_start'],
      [2, 'log'],
    ]);
    expect(output).toEqual(['Starting research…', '{"user": "json print"}', '', '   indented text']);
    expect(malformed).toEqual([]);
  });

  it('strips a trailing CR', () => {
    const { p, events, output } = parser();
    p.acceptLine(`${envelope(ev(5))}\r`);
    p.acceptLine('hello\r');
    expect(events.map((e) => e.timestamp)).toEqual([5]);
    expect(output).toEqual(['hello']);
  });

  it('shows a JSON line of the user’s own that mentions "agentify" as output, not as an event', () => {
    const { p, events, output, malformed } = parser();
    for (const line of [
      '{"agentify": "is great"}',
      '{"agentify": 2, "event": {}}',
      '{"tool": "agentify", "ok": true}',
      '{"agentify": 1}',
    ])
      p.acceptLine(line);
    expect(events).toEqual([]);
    expect(malformed).toEqual([]);
    expect(output).toEqual([
      '{"agentify": "is great"}',
      '{"agentify": 2, "event": {}}',
      '{"tool": "agentify", "ok": true}',
      '{"agentify": 1}',
    ]);
  });

  it('reports the first malformed event line of a run, counts the rest and keeps going', () => {
    const { p, events, output, malformed } = parser();
    p.acceptLine('{"agentify": 1, "event": {"workflow_id": "wf-1", "timest');
    p.acceptLine(envelope({ workflow_id: 'wf-1', timestamp: 'soon', event_type: 'log', payload: {} }));
    p.acceptLine('{"agentify": 1, oops}');
    p.acceptLine(envelope(ev(4)));
    expect(events.map((e) => e.timestamp)).toEqual([4]);
    expect(malformed).toHaveLength(1);
    expect(malformed[0]).toContain('"timest');
    expect(p.malformedCount).toBe(3);
    expect(output).toEqual([]);
  });

  it('never throws on odd input', () => {
    const { p, output } = parser();
    for (const line of [
      '{',
      '{"agentify"',
      'null',
      '[1,2]',
      '{"type": "node_start"',
      '\u0000\u0001',
      '{"agentify": null}',
    ])
      expect(() => p.acceptLine(line)).not.toThrow();
    expect(output).toContain('null');
  });

  it('maps legacy node lines onto the contract, filling the run id and making timestamps unique', () => {
    const { p, events } = parser('wf-run');
    const lines = [
      {
        type: 'graph_structure',
        timestamp: 1767600000,
        nodes: [{ id: 'planner', label: 'Planner' }, 'writer'],
        edges: [{ source: 'planner', target: 'writer' }, ['writer', 'end']],
      },
      { type: 'node_start', node_id: 'planner', timestamp: 1767600000, data: { prompt: 'go' } },
      { type: 'node_stream', node_id: 'planner', timestamp: 1767600000.5, data: 'tok' },
      { type: 'node_stop', node_id: 'planner', timestamp: '2026-01-05T08:00:00.500Z', data: 'plan' },
      { type: 'workflow_complete', workflow_id: 'own-id', timestamp: 1767600001000, result: 'done' },
      { type: 'workflow_error', timestamp: 1767600002, error: 'boom' },
    ];
    for (const l of lines) p.acceptLine(JSON.stringify(l));
    expect(events.map((e) => e.event_type)).toEqual([
      'graph_structure',
      'agent_start',
      'agent_stream',
      'agent_end',
      'workflow_complete',
      'workflow_error',
    ]);
    expect(events.map((e) => e.workflow_id)).toEqual(['wf-run', 'wf-run', 'wf-run', 'wf-run', 'own-id', 'wf-run']);
    expect(events.map((e) => e.timestamp)).toEqual([
      1767600000000, 1767600000001, 1767600000500, 1767600000501, 1767600001000, 1767600002000,
    ]);
    expect(events[0].payload.nodes).toEqual([{ id: 'planner', label: 'Planner' }, { id: 'writer' }]);
    expect(events[0].payload.edges).toEqual([
      { from: 'planner', to: 'writer' },
      { from: 'writer', to: 'end' },
    ]);
    expect(events[1]).toMatchObject({ agent_name: 'planner', payload: { input: { prompt: 'go' }, status: 'started' } });
    expect(events[2].payload.chunk).toBe('tok');
    expect(events[3].payload).toMatchObject({ output: 'plan', status: 'completed' });
    expect(events[4].payload).toMatchObject({ result: 'done', status: 'ok' });
    expect(events[5].payload.error).toEqual({ type: 'Error', message: 'boom' });
  });

  it('uses the clock for a legacy line without a timestamp', () => {
    const { p, events } = parser('wf', () => 42_000);
    p.acceptLine(JSON.stringify({ type: 'node_start', node_id: 'a' }));
    expect(events.map((e) => [e.workflow_id, e.timestamp])).toEqual([['wf', 42_000]]);
  });

  it('reads timestamps given in ms, seconds or ISO', () => {
    expect(toEpochMs(1767600000123)).toBe(1767600000123);
    expect(toEpochMs(1767600000.123)).toBe(1767600000123);
    expect(toEpochMs('1767600000')).toBe(1767600000000);
    expect(toEpochMs('2026-01-05T08:00:00Z')).toBe(Date.parse('2026-01-05T08:00:00Z'));
    expect(toEpochMs('later')).toBeUndefined();
  });
});
