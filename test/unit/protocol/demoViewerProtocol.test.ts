import { describe, expect, it } from 'vitest';
import {
  AgentRegistrationsNotification,
  CompareRunsCommand,
  CopyCommand,
  ErrorNotification,
  EventNotification,
  ExportCommand,
  FailuresNotification,
  LIMITS,
  ListFailuresCommand,
  ListHistoryCommand,
  ListTeamRunsCommand,
  OpenRunCommand,
  PricesNotification,
  RunCommand,
  RunStatusNotification,
  SessionNotification,
  ShowLiveCommand,
  StartSessionCommand,
  StateNotification,
  StopCommand,
  TeamRunsNotification,
  ViewerUiState,
  WatchAgentsCommand,
} from '../../../src/protocol/demoViewer';
import { accepts, chars, output } from './accepts';

const event = { workflow_id: 'wf-1', timestamp: 1_000, event_type: 'agent_start', agent_name: 'a', payload: {} };
const run = { workflowId: 'wf-1', prompt: 'Plan a trip', startedAt: 1, status: 'running', source: 'live' };
const summary = { workflowId: 'wf-1', prompt: 'Plan a trip', startedAt: 1, status: 'completed', eventCount: 3 };

describe('Demo Viewer protocol, webview → host', () => {
  it.each([
    ['a prompt', RunCommand, { prompt: 'Plan a trip' }, true],
    ['a prompt at the limit', RunCommand, { prompt: chars(LIMITS.prompt) }, true],
    ['a prompt over the limit', RunCommand, { prompt: chars(LIMITS.prompt + 1) }, false],
    ['a blank prompt', RunCommand, { prompt: ' \n\t ' }, false],
    ['a prompt that is a number', RunCommand, { prompt: 42 }, false],
    ['no prompt', RunCommand, {}, false],
    ['params that are not an object', RunCommand, 'Plan a trip', false],
    ['stop without params', StopCommand, undefined, true],
    ['stop with null', StopCommand, null, true],
    ['stop with an object', StopCommand, {}, false],
    ['show live with params', ShowLiveCommand, { run: 'wf-1' }, false],
    ['list history with a string', ListHistoryCommand, 'all', false],
    ['a run to open', OpenRunCommand, { workflowId: 'wf-1' }, true],
    ['an empty run id', OpenRunCommand, { workflowId: '' }, false],
    ['a run id over the limit', OpenRunCommand, { workflowId: chars(LIMITS.id + 1) }, false],
    ['each export format', ExportCommand, { format: 'otlp-send' }, true],
    ['an unknown export format', ExportCommand, { format: 'pdf' }, false],
    ['text to copy at the limit', CopyCommand, { text: chars(LIMITS.copy) }, true],
    ['text to copy over the limit', CopyCommand, { text: chars(LIMITS.copy + 1) }, false],
    ['a blank session prompt (the handler trims it)', StartSessionCommand, { prompt: '  ' }, true],
    ['a session prompt over the limit', StartSessionCommand, { prompt: chars(LIMITS.prompt + 1) }, false],
    ['200 agents to watch', WatchAgentsCommand, { agents: Array.from({ length: 200 }, (_, i) => `a${i}`) }, true],
    ['201 agents to watch', WatchAgentsCommand, { agents: Array.from({ length: 201 }, (_, i) => `a${i}`) }, false],
    ['an agent name over the limit', WatchAgentsCommand, { agents: [chars(LIMITS.id + 1)] }, false],
    ['agents that are not strings', WatchAgentsCommand, { agents: [1] }, false],
    ['the next page of team runs', ListTeamRunsCommand, { more: true }, true],
    ['"more" as a string', ListTeamRunsCommand, { more: 'true' }, false],
    ['no "more" for failures', ListFailuresCommand, {}, false],
    ['two runs to compare', CompareRunsCommand, { left: 'wf-1', right: 'wf-2' }, true],
    ['an empty side to compare', CompareRunsCommand, { left: 'wf-1', right: '' }, false],
    ['one side missing', CompareRunsCommand, { left: 'wf-1' }, false],
  ] as const)('%s', (_what, type, params, expected) => {
    expect(accepts(type.paramsSchema, params)).toBe(expected);
  });

  it('keeps the declared fields and drops the others', () => {
    expect(output(RunCommand.paramsSchema, { prompt: 'hi', shell: 'rm -rf /' })).toEqual({ prompt: 'hi' });
  });
});

describe('Demo Viewer protocol, host → webview', () => {
  it.each([
    ['a state', StateNotification, { run, events: [event], history: [summary] }, true],
    ['a state with no run', StateNotification, { run: null, events: [], history: [] }, true],
    ['a state without its run key', StateNotification, { events: [], history: [] }, false],
    [
      'an event without a workflow id',
      StateNotification,
      { run: null, events: [{ ...event, workflow_id: '' }], history: [] },
      false,
    ],
    ['an event of an unknown type', EventNotification, { event: { ...event, event_type: 'agent_dance' } }, false],
    ['an event with a NaN timestamp', EventNotification, { event: { ...event, timestamp: NaN } }, false],
    ['an event whose payload is an array', EventNotification, { event: { ...event, payload: [] } }, false],
    [
      'a run of an unknown status',
      StateNotification,
      { run: { ...run, status: 'paused' }, events: [], history: [] },
      false,
    ],
    [
      'a run from an unknown source',
      StateNotification,
      { run: { ...run, source: 'disk' }, events: [], history: [] },
      false,
    ],
    [
      'a history entry with an infinite start',
      StateNotification,
      { run: null, events: [], history: [{ ...summary, startedAt: Infinity }] },
      false,
    ],
    [
      'a history entry with a prompt over the limit',
      StateNotification,
      { run: null, events: [], history: [{ ...summary, prompt: chars(LIMITS.prompt + 1) }] },
      false,
    ],
    ['a run status', RunStatusNotification, { workflowId: 'wf-1', status: 'failed', endedAt: 5 }, true],
    [
      'a run status ending at NaN',
      RunStatusNotification,
      { workflowId: 'wf-1', status: 'failed', endedAt: NaN },
      false,
    ],
    [
      'an error with a hint',
      ErrorNotification,
      { code: 'TableNotFound', message: 'No table.', hint: 'Deploy it.' },
      true,
    ],
    ['an error code over 100 characters', ErrorNotification, { code: chars(101), message: 'No table.' }, false],
    ['an error message over the limit', ErrorNotification, { code: 'E', message: chars(LIMITS.message + 1) }, false],
    ['prices', PricesNotification, { prices: { 'anthropic.claude': { input: 0.003, output: 0.015 } } }, true],
    ['a price that is not finite', PricesNotification, { prices: { m: { input: Infinity, output: 1 } } }, false],
    ['a price without output', PricesNotification, { prices: { m: { input: 1 } } }, false],
    [
      'a model name over the limit',
      PricesNotification,
      { prices: { [chars(LIMITS.id + 1)]: { input: 1, output: 1 } } },
      false,
    ],
    ['1000 prices', PricesNotification, { prices: prices(1000) }, true],
    ['1001 prices', PricesNotification, { prices: prices(1001) }, false],
    [
      'a session',
      SessionNotification,
      {
        sessionId: 's',
        mode: 'offline',
        outcome: 'running',
        stages: [{ id: 'plan', label: 'Plan', state: 'running' }],
        entryCount: 1,
      },
      true,
    ],
    [
      'a stage id over 40 characters',
      SessionNotification,
      {
        sessionId: 's',
        mode: 'offline',
        outcome: 'running',
        stages: [{ id: chars(41), label: 'Plan', state: 'running' }],
        entryCount: 1,
      },
      false,
    ],
    [
      'a session in an unknown mode',
      SessionNotification,
      { sessionId: 's', mode: 'cloud', outcome: 'running', stages: [], entryCount: 1 },
      false,
    ],
    [
      'registrations',
      AgentRegistrationsNotification,
      {
        mode: 'table',
        tableName: 'AgentRegistry',
        agents: [{ agent: 'a', registered: true, capabilities: ['search'] }],
      },
      true,
    ],
    [
      'a capability over 64 characters',
      AgentRegistrationsNotification,
      { mode: 'table', tableName: 'T', agents: [{ agent: 'a', registered: true, capabilities: [chars(65)] }] },
      false,
    ],
    [
      'an endpoint over 2048 characters',
      AgentRegistrationsNotification,
      {
        mode: 'table',
        tableName: 'T',
        agents: [{ agent: 'a', registered: true, capabilities: [], endpoint: chars(2049) }],
      },
      false,
    ],
    [
      'a page of team runs',
      TeamRunsNotification,
      {
        source: 'table',
        owner: 'me',
        items: [{ workflowId: 'wf-1', prompt: 'p', startedAt: 1, status: 'completed' }],
        hasMore: false,
        append: false,
      },
      true,
    ],
    [
      'a team run of an unknown status',
      TeamRunsNotification,
      {
        source: 'table',
        owner: 'me',
        items: [{ workflowId: 'wf-1', prompt: 'p', startedAt: 1, status: 'lost' }],
        hasMore: false,
        append: false,
      },
      false,
    ],
    [
      'a page of failures',
      FailuresNotification,
      {
        source: 'local',
        owner: 'me',
        items: [{ workflowId: 'wf-1', timestamp: 1.5, kind: 'tool_call', message: 'boom' }],
        hasMore: true,
        append: true,
        note: 'local',
      },
      true,
    ],
    [
      'a failure of an unknown kind',
      FailuresNotification,
      {
        source: 'local',
        owner: 'me',
        items: [{ workflowId: 'wf-1', timestamp: 1, kind: 'agent_end', message: 'boom' }],
        hasMore: true,
        append: true,
      },
      false,
    ],
  ] as const)('%s', (_what, type, params, expected) => {
    expect(accepts(type.paramsSchema, params)).toBe(expected);
  });

  it('passes events through whole: the event validator decides, no field of the event is dropped', () => {
    const rich = { ...event, producer_id: 'p', seq: 4, payload: { span_id: 's', nested: { deep: [1] } } };
    expect(output(EventNotification.paramsSchema, { event: rich }).event).toBe(rich);
  });
});

describe('Demo Viewer persisted UI state', () => {
  const ui = { prompt: 'p', filters: { eventType: '', agent: '', text: '' }, collapsed: [] };
  it.each([
    ['a UI state', ui, true],
    ['a UI state with the shown run', { ...ui, workflowId: 'wf-1' }, true],
    ['a filter text over 1000 characters', { ...ui, filters: { ...ui.filters, text: chars(1001) } }, false],
    ['a collapsed id over 100 characters', { ...ui, collapsed: [chars(101)] }, false],
    ['no filters', { prompt: 'p', collapsed: [] }, false],
    ['a state from an older version', { prompt: 1 }, false],
  ])('%s', (_what, state, expected) => {
    expect(accepts(ViewerUiState, state)).toBe(expected);
  });
});

function prices(n: number) {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`model-${i}`, { input: 1, output: 2 }]));
}
