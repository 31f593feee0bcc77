import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { emptyDesign, INDUSTRIES, SUGGEST_STEPS, Suggestion, WizardDesign } from '../../../src/protocol/ideationWizard';
import { OfflineAssistant } from '../../../src/wizard/assistant/offline/offlineAssistant';
import { assistedDesign, HOSTILE } from './designs';

const assistant = new OfflineAssistant();
const ask = async (
  step: (typeof SUGGEST_STEPS)[number],
  design: WizardDesign,
): Promise<{ suggestion: Suggestion; text: string }> => {
  let text = '';
  const suggestion = await assistant.suggest({ step, design }, (t) => (text += t));
  return { suggestion, text };
};

describe('OfflineAssistant', () => {
  it.each(INDUSTRIES)('gives useful, protocol-valid suggestions for every step (%s)', async (industry) => {
    const design = await assistedDesign(industry, `Automate the busiest ${industry} process end to end`, ['CRM']);
    expect(design.clarifications.length).toBeGreaterThanOrEqual(3);
    expect(design.kpis.length).toBeGreaterThanOrEqual(3);
    expect(design.guardrails.constraints.length).toBeGreaterThan(0);
    expect(design.guardrails.approvals.length).toBeGreaterThan(0);
    expect(design.agents.length).toBeGreaterThanOrEqual(3);
    expect(design.agents.some((a) => a.tools.length > 0)).toBe(true);
    expect(design.agents.flatMap((a) => a.tools).every((t) => JSON.parse(t.mockResponse) !== undefined)).toBe(true);
    expect(design.datasets.length).toBeGreaterThan(0);
    expect(design.demo.prompts.length).toBeGreaterThan(0);
    for (const step of SUGGEST_STEPS) {
      const { suggestion, text } = await ask(step, design);
      expect(v.safeParse(Suggestion, suggestion).issues, step).toBeUndefined();
      expect(text.length, step).toBeGreaterThan(20);
    }
  });

  it('is deterministic', async () => {
    const a = await assistedDesign('telecom', 'Cut churn among fibre customers', ['BSS']);
    const b = await assistedDesign('telecom', 'Cut churn among fibre customers', ['BSS']);
    expect(a).toEqual(b);
  });

  it('asks about what is missing: a short objective, no systems', async () => {
    const { suggestion } = await ask('clarify', { ...emptyDesign(), objective: 'Help support' });
    const questions = suggestion.step === 'clarify' ? suggestion.clarifications.map((c) => c.question) : [];
    expect(questions[0]).toContain('measurably different');
    expect(questions[1]).toContain('Which systems');
  });

  it('follows topics named in the objective with questions, KPIs and guardrails', async () => {
    const design = {
      ...emptyDesign(),
      industry: 'finance' as const,
      objective: 'Flag suspicious card transactions before money leaves the bank',
      systems: ['Core banking'],
    };
    const clarify = await ask('clarify', design);
    const kpis = await ask('outcomes', design);
    const guardrails = await ask('guardrails', design);
    expect(
      clarify.suggestion.step === 'clarify' &&
        clarify.suggestion.clarifications.some((c) => /false fraud alert/.test(c.question)),
    ).toBe(true);
    expect(kpis.suggestion.step === 'outcomes' && kpis.suggestion.kpis[0].name).toBe('Fraud caught before loss');
    expect(guardrails.suggestion.step === 'guardrails' && guardrails.suggestion.guardrails.constraints).toContain(
      'Never tell a customer they are suspected of fraud',
    );
  });

  it('adds a tool for a named system no tool covers, and keeps answers the user gave', async () => {
    const design = {
      ...emptyDesign(),
      industry: 'retail' as const,
      objective: 'Answer order questions',
      systems: ['Zendesk', 'CRM'],
    };
    const team = await ask('team', design);
    const tools =
      team.suggestion.step === 'team' ? team.suggestion.agents.flatMap((a) => a.tools.map((t) => t.name)) : [];
    expect(tools).toContain('query_zendesk');
    expect(tools.filter((t) => t.startsWith('query_'))).toEqual(['query_zendesk']);

    const first = await ask('clarify', design);
    const answered =
      first.suggestion.step === 'clarify'
        ? first.suggestion.clarifications.map((c, i) => ({ ...c, answer: i === 0 ? 'My own answer' : '' }))
        : [];
    const again = await ask('clarify', { ...design, clarifications: answered });
    expect(again.suggestion.step === 'clarify' && again.suggestion.clarifications[0].answer).toBe('My own answer');
  });

  it('supplies a mock response for every tool in the design, known or not', async () => {
    const design = await assistedDesign('logistics', 'Handle late shipments');
    design.agents[0].tools.push({ id: 'x', name: 'custom_lookup', description: 'Custom', mockResponse: '{}' });
    const { suggestion } = await ask('mockData', design);
    if (suggestion.step !== 'mockData') throw new Error('wrong step');
    expect(suggestion.toolResponses.map((r) => r.toolName)).toEqual(
      design.agents.flatMap((a) => a.tools.map((t) => t.name)),
    );
    expect(
      JSON.parse(suggestion.toolResponses.find((r) => r.toolName === 'track_shipment')!.mockResponse),
    ).toMatchObject({ shipment: 'SHP-2207' });
    expect(
      JSON.parse(suggestion.toolResponses.find((r) => r.toolName === 'custom_lookup')!.mockResponse),
    ).toMatchObject({ tool: 'custom_lookup', status: 'ok' });
  });

  it('stays within the protocol limits whatever the user typed', async () => {
    const long = HOSTILE.join(' ').repeat(200).slice(0, 8000);
    const design = {
      ...emptyDesign(),
      objective: long,
      systems: Array.from({ length: 50 }, (_, i) => `System ${i} ${HOSTILE[i % HOSTILE.length]}`.slice(0, 200)),
    };
    const full = await assistedDesign('generic', long, design.systems);
    for (const step of SUGGEST_STEPS)
      expect(v.safeParse(Suggestion, (await ask(step, full)).suggestion).issues, step).toBeUndefined();
  });

  describe('suggestions are specific and said once', () => {
    const norm = (s: string) =>
      s
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .replace(/[.!;:,\s]+$/, '');
    const TOPIC_OBJECTIVES: [WizardDesign['industry'], string, RegExp][] = [
      ['telecom', 'Cut churn among fibre customers who call support twice in a month', /churn/i],
      ['generic', 'Answer customer service tickets about billing within the hour', /first response|time to answer/i],
      ['finance', 'Flag suspicious card transactions before money leaves the bank', /fraud caught/i],
      ['retail', 'Forecast demand per store so that stock never runs out', /forecast/i],
    ];

    it.each(TOPIC_OBJECTIVES)('holds one target per metric (%s: %s)', async (industry, objective, metric) => {
      const design = await assistedDesign(industry, objective, ['CRM']);
      const names = design.kpis.map((k) => norm(k.name));
      expect(new Set(names).size, names.join(' | ')).toBe(names.length);
      expect(
        design.kpis.filter((k) => metric.test(k.name)),
        JSON.stringify(design.kpis),
      ).toHaveLength(1);
      for (const list of Object.values(design.guardrails)) expect(new Set(list.map(norm)).size).toBe(list.length);
    });

    it('does not suggest a rule twice in other words: the topic guardrail replaces the profile one', async () => {
      const design = await assistedDesign('telecom', 'Cut churn among fibre customers', ['BSS']);
      expect(design.guardrails.constraints.filter((c) => /catalogue/i.test(c))).toEqual([
        'Offer only catalogue discounts',
      ]);
    });

    it("adds each approval from the user's answers once, item by item", async () => {
      const design = await assistedDesign('retail', 'Resolve order and return requests in chat', ['Shopify']);
      const approvals = design.guardrails.approvals;
      expect(approvals.filter((a) => norm(a) === 'refunds above $200')).toHaveLength(1);
      expect(approvals).toContain('Complaints mentioning legal action');
      expect(new Set(approvals.map(norm)).size).toBe(approvals.length);
    });

    it('gives the goal to the agent that receives the request, not the objective to every agent', async () => {
      const objective =
        'Resolve order and return requests arriving in chat within two minutes. Customers should never wait for a ' +
        'human unless a refund needs approval. Everything is logged for audit.';
      const design = await assistedDesign('retail', objective, ['Zendesk']);
      const [first, ...others] = design.agents;
      expect(first.instructions).toContain(
        'Team goal: Resolve order and return requests arriving in chat within two minutes.',
      );
      expect(first.instructions).toContain('Read what the request needs from Zendesk with query_zendesk.');
      for (const a of design.agents) expect(a.instructions).not.toContain('Customers should never wait');
      for (const a of others) expect(a.instructions).not.toContain('Team goal');
      expect(design.demo.prompts.join('\n')).not.toContain('Customers should never wait');
      const short = await ask('clarify', {
        ...emptyDesign(),
        industry: 'retail',
        objective: 'Resolve returns in chat.',
      });
      const measurable = short.suggestion.step === 'clarify' ? short.suggestion.clarifications[0].suggestion : '';
      expect(measurable).toContain('"Resolve returns in chat" takes minutes instead of hours for retail staff');
    });
  });
});
