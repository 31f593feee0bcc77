import { describe, expect, it } from 'vitest';
import {
  AssistantTokenNotification,
  ChooseFolderRequest,
  GenerateRequest,
  LIMITS,
  PreviewRequest,
  ResetNotification,
  SaveStateCommand,
  StateNotification,
  SuggestRequest,
  WizardDesign,
  emptyDesign,
} from '../../../src/protocol/ideationWizard';
import { accepts, chars, output } from './accepts';

const tool = { id: 't1', name: 'lookup', description: 'Looks up', mockResponse: '{}' };
const agent = { id: 'a1', name: 'Planner', role: 'Plans', instructions: 'Plan it', tools: [tool] };
const design = (patch: Partial<Record<keyof WizardDesign, unknown>>) => ({ ...emptyDesign(), ...patch });
const state = (patch: Partial<Record<keyof WizardDesign, unknown>> = {}, step: unknown = 'team') => ({
  step,
  design: design(patch),
});
const many = <T>(n: number, item: (i: number) => T) => Array.from({ length: n }, (_, i) => item(i));

describe('Ideation Wizard protocol, webview → host', () => {
  it.each([
    ['an empty design', state(), true],
    ['a design with an agent and a tool', state({ agents: [agent] }), true],
    ['an unknown step', state({}, 'deploy'), false],
    ['an unknown industry', state({ industry: 'mining' }), false],
    ['an unknown pattern', state({ pattern: 'swarm' }), false],
    ['an objective at the limit', state({ objective: chars(LIMITS.long) }), true],
    ['an objective over the limit', state({ objective: chars(LIMITS.long + 1) }), false],
    ['50 systems', state({ systems: many(LIMITS.list, (i) => `s${i}`) }), true],
    ['51 systems', state({ systems: many(LIMITS.list + 1, (i) => `s${i}`) }), false],
    ['a system name over the limit', state({ systems: [chars(LIMITS.short + 1)] }), false],
    ['51 agents', state({ agents: many(LIMITS.list + 1, (i) => ({ ...agent, id: `a${i}` })) }), false],
    ['51 tools on an agent', state({ agents: [{ ...agent, tools: many(LIMITS.list + 1, () => tool) }] }), false],
    ['an agent id over 64 characters', state({ agents: [{ ...agent, id: chars(65) }] }), false],
    [
      'a mock response over the limit',
      state({ agents: [{ ...agent, tools: [{ ...tool, mockResponse: chars(LIMITS.json + 1) }] }] }),
      false,
    ],
    ['an agent without instructions', state({ agents: [{ id: 'a', name: 'A', role: 'R', tools: [] }] }), false],
    [
      'more edges than the list limit (edges are not capped)',
      state({ edges: many(LIMITS.list + 1, () => ({ from: 'a', to: 'b' })) }),
      true,
    ],
    ['an edge to an id over 64 characters', state({ edges: [{ from: 'a', to: chars(65) }] }), false],
    [
      'a clarification without a suggestion',
      state({ clarifications: [{ id: 'q', question: 'Q', answer: '' }] }),
      false,
    ],
    ['a KPI target over the limit', state({ kpis: [{ id: 'k', name: 'N', target: chars(LIMITS.short + 1) }] }), false],
    [
      '51 guardrail constraints',
      state({ guardrails: { constraints: many(51, () => 'c'), forbiddenData: [], approvals: [] } }),
      false,
    ],
    ['guardrails without approvals', state({ guardrails: { constraints: [], forbiddenData: [] } }), false],
    [
      'dataset records over the limit',
      state({ datasets: [{ id: 'd', name: 'D', records: chars(LIMITS.json + 1) }] }),
      false,
    ],
    [
      'a demo prompt over the limit',
      state({ demo: { prompts: [chars(LIMITS.long + 1)], showcase: [], talkingPoints: [] } }),
      false,
    ],
    ['a design without its demo', { step: 'team', design: { ...emptyDesign(), demo: undefined } }, false],
  ])('saving %s', (_what, params, expected) => {
    expect(accepts(SaveStateCommand.paramsSchema, params)).toBe(expected);
  });

  it.each([
    ['a suggestion request', SuggestRequest, { requestId: 'r1', step: 'team', design: emptyDesign() }, true],
    [
      'a suggestion for a step the assistant does not fill',
      SuggestRequest,
      { requestId: 'r1', step: 'review', design: emptyDesign() },
      false,
    ],
    [
      'a request id over 64 characters',
      SuggestRequest,
      { requestId: chars(65), step: 'team', design: emptyDesign() },
      false,
    ],
    [
      'a suggestion request for a broken design',
      SuggestRequest,
      { requestId: 'r1', step: 'team', design: { objective: 1 } },
      false,
    ],
    ['a preview into the default folder', PreviewRequest, { design: emptyDesign() }, true],
    [
      'a preview into a folder over 4096 characters',
      PreviewRequest,
      { design: emptyDesign(), folder: chars(4097) },
      false,
    ],
    [
      'generation with consent to overwrite',
      GenerateRequest,
      { design: emptyDesign(), folder: '/w/p', overwrite: ['README.md'] },
      true,
    ],
    ['generation without its overwrite list', GenerateRequest, { design: emptyDesign() }, false],
    [
      'an overwrite path over 500 characters',
      GenerateRequest,
      { design: emptyDesign(), overwrite: [chars(501)] },
      false,
    ],
    ['choosing a folder from nowhere', ChooseFolderRequest, {}, true],
    ['choosing a folder from one that is a number', ChooseFolderRequest, { current: 7 }, false],
  ] as const)('%s', (_what, type, params, expected) => {
    expect(accepts(type.paramsSchema, params)).toBe(expected);
  });

  it('keeps the declared fields and drops the others, at every depth', () => {
    const saved = output(SaveStateCommand.paramsSchema, {
      ...state({ agents: [{ ...agent, secret: 1 }] }),
      html: '<script>',
    });
    expect(saved).toEqual(state({ agents: [agent] }));
  });
});

describe('Ideation Wizard protocol, host → webview', () => {
  const kpi = { id: 'k', name: 'Time', target: '< 1 h' };
  it.each([
    [
      'a suggestion',
      SuggestRequest,
      { requestId: 'r', suggestion: { step: 'outcomes', kpis: [kpi] }, source: 'offline' },
      true,
    ],
    [
      'a suggestion with a notice',
      SuggestRequest,
      {
        requestId: 'r',
        suggestion: { step: 'demo', demo: { prompts: [], showcase: [], talkingPoints: [] } },
        source: 'bedrock',
        notice: 'fell back',
      },
      true,
    ],
    [
      'a suggestion for an unknown step',
      SuggestRequest,
      { requestId: 'r', suggestion: { step: 'review' }, source: 'offline' },
      false,
    ],
    [
      'a suggestion missing what its step carries',
      SuggestRequest,
      { requestId: 'r', suggestion: { step: 'team', pattern: 'graph', agents: [] }, source: 'offline' },
      false,
    ],
    [
      'a suggestion of 51 KPIs',
      SuggestRequest,
      { requestId: 'r', suggestion: { step: 'outcomes', kpis: many(51, () => kpi) }, source: 'offline' },
      false,
    ],
    [
      'mock data with tool responses',
      SuggestRequest,
      {
        requestId: 'r',
        suggestion: { step: 'mockData', datasets: [], toolResponses: [{ toolName: 'lookup', mockResponse: '{}' }] },
        source: 'offline',
      },
      true,
    ],
    [
      'a tool response over the limit',
      SuggestRequest,
      {
        requestId: 'r',
        suggestion: {
          step: 'mockData',
          datasets: [],
          toolResponses: [{ toolName: 'lookup', mockResponse: chars(LIMITS.json + 1) }],
        },
        source: 'offline',
      },
      false,
    ],
    [
      'a suggestion from an unknown assistant',
      SuggestRequest,
      { requestId: 'r', suggestion: { step: 'outcomes', kpis: [] }, source: 'gpt' },
      false,
    ],
    [
      'a preview',
      PreviewRequest,
      { folder: '/w/p', files: [{ path: 'README.md', content: '#', exists: true, changes: false }] },
      true,
    ],
    [
      'a preview file whose content is over 2,000,000 characters',
      PreviewRequest,
      { folder: '/w/p', files: [{ path: 'a', content: chars(2_000_001), exists: false, changes: false }] },
      false,
    ],
    [
      'a generation result',
      GenerateRequest,
      { written: true, folder: '/w/p', paths: ['README.md'], message: 'Done.' },
      true,
    ],
    ['a generation result without its message', GenerateRequest, { written: false, folder: '/w/p', paths: [] }, false],
    ['a cancelled folder choice', ChooseFolderRequest, { folder: null }, true],
    ['a folder choice with no folder key', ChooseFolderRequest, {}, false],
  ] as const)('%s', (_what, type, result, expected) => {
    expect(accepts(type.resultSchema, result)).toBe(expected);
  });

  it.each([
    ['the state', StateNotification, { state: state(), assistant: { kind: 'bedrock', modelId: 'm' } }, true],
    ['no remembered state', StateNotification, { state: null, assistant: { kind: 'offline' } }, true],
    ['an unknown assistant', StateNotification, { state: null, assistant: { kind: 'oracle' } }, false],
    [
      'a model id over the limit',
      StateNotification,
      { state: null, assistant: { kind: 'bedrock', modelId: chars(LIMITS.short + 1) } },
      false,
    ],
    ['a reset', ResetNotification, undefined, true],
    ['a reset carrying data', ResetNotification, { design: {} }, false],
    ['a token', AssistantTokenNotification, { requestId: 'r', text: chars(100_000) }, true],
    ['a token over 100,000 characters', AssistantTokenNotification, { requestId: 'r', text: chars(100_001) }, false],
  ] as const)('%s', (_what, type, params, expected) => {
    expect(accepts(type.paramsSchema, params)).toBe(expected);
  });
});
