/** Wizard designs the generator and assistant tests share, including hostile user text. */
import { emptyDesign, WizardDesign } from '../../../src/protocol/ideationWizard';
import { OfflineAssistant } from '../../../src/wizard/assistant/offline/offlineAssistant';

export const HOSTILE = [
  'Robert"); import os; os.system("echo pwned") #',
  "It's \"\"\" triple '''quoted'''",
  'line one\nline two\r\n\tindented',
  'Ünïcødé エージェント 🤖',
  '<img src=x onerror=window.__xss++>',
  '</script><script>alert(1)</script>',
  '\\x00 backslash \\ end\\',
  '${process.exit(1)} {{template}} `rm -rf /`',
  'class',
  '123 starts with digits',
];

/** A design filled in by the offline assistant, step by step, as a user accepting everything would. */
export async function assistedDesign(
  industry: WizardDesign['industry'],
  objective: string,
  systems: string[] = [],
): Promise<WizardDesign> {
  const assistant = new OfflineAssistant();
  const design: WizardDesign = { ...emptyDesign(), industry, objective, systems };
  const noop = () => undefined;
  const clarify = await assistant.suggest({ step: 'clarify', design }, noop);
  if (clarify.step === 'clarify')
    design.clarifications = clarify.clarifications.map((c) => ({ ...c, answer: c.suggestion }));
  const kpis = await assistant.suggest({ step: 'outcomes', design }, noop);
  if (kpis.step === 'outcomes') design.kpis = kpis.kpis;
  const guardrails = await assistant.suggest({ step: 'guardrails', design }, noop);
  if (guardrails.step === 'guardrails') design.guardrails = guardrails.guardrails;
  const team = await assistant.suggest({ step: 'team', design }, noop);
  if (team.step === 'team') Object.assign(design, { pattern: team.pattern, agents: team.agents, edges: team.edges });
  const data = await assistant.suggest({ step: 'mockData', design }, noop);
  if (data.step === 'mockData') design.datasets = data.datasets;
  const demo = await assistant.suggest({ step: 'demo', design }, noop);
  if (demo.step === 'demo') design.demo = demo.demo;
  return design;
}

/** Every name, role and piece of data made of hostile strings; two agents share a name. */
export function hostileDesign(): WizardDesign {
  const [a, b, c, d] = HOSTILE;
  return {
    ...emptyDesign(),
    objective: HOSTILE.join('\n'),
    industry: 'generic',
    systems: [a, d],
    clarifications: [{ id: 'q-1', question: b, answer: c, suggestion: '' }],
    kpis: [{ id: 'k-1', name: e(4), target: e(5) }],
    guardrails: { constraints: [a], forbiddenData: [b], approvals: [c] },
    pattern: 'graph',
    agents: [
      {
        id: 'a1',
        name: a,
        role: b,
        instructions: HOSTILE.join(' '),
        tools: [
          { id: 't1', name: c, description: d, mockResponse: JSON.stringify({ text: a, nested: [b, c] }) },
          { id: 't2', name: c, description: '', mockResponse: 'not json """ at all' },
        ],
      },
      {
        id: 'a2',
        name: a,
        role: '',
        instructions: '',
        tools: [{ id: 't3', name: e(8), description: e(9), mockResponse: '{}' }],
      },
      { id: 'a3', name: d, role: e(6), instructions: e(7), tools: [] },
      {
        id: 'a4',
        name: e(8),
        role: e(9),
        instructions: '',
        tools: [{ id: 't4', name: 'def', description: 'keyword', mockResponse: '[1,2,3]' }],
      },
    ],
    edges: [
      { from: 'a1', to: 'a2' },
      { from: 'a1', to: 'a3' },
      { from: 'a2', to: 'a4' },
      { from: 'a3', to: 'a4' },
      { from: 'a4', to: 'missing' },
    ],
    datasets: [
      { id: 'd1', name: b, records: JSON.stringify([{ note: d }]) },
      { id: 'd2', name: b, records: '[]' },
      { id: 'd3', name: 'tool responses', records: '[{"x":1}]' },
    ],
    demo: { prompts: [e(5), a], showcase: [c], talkingPoints: [d] },
  };
}

function e(i: number): string {
  return HOSTILE[i % HOSTILE.length];
}
