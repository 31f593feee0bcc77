/**
 * Rules that tailor an industry profile to what the user wrote: questions for the gaps in the
 * design, KPIs and guardrails for topics the objective mentions and systems the user named, and a
 * demo script that starts from the objective itself. A topic's KPI or guardrail replaces the
 * profile's one that measures or rules the same thing, so a suggestion never holds two targets for
 * one metric; approvals taken from the user's answers are split into items and added once.
 */
import { Clarification, DemoStrategy, Guardrails, Kpi, LIMITS, WizardDesign } from '../../../protocol/ideationWizard';
import { profileFor } from './profiles';

interface TopicRule {
  pattern: RegExp;
  question: [string, string];
  kpi: [string, string];
  /** Profile KPIs (by name) that measure what `kpi` measures, with another target. */
  sameKpi: RegExp;
  guardrail: string;
  /** Profile constraints that say what `guardrail` says. */
  sameGuardrail?: RegExp;
}

/** Topics an objective often names, and what each adds. */
const TOPICS: TopicRule[] = [
  {
    pattern: /fraud|scam|suspicious/i,
    question: [
      'How costly is a false fraud alert compared with a missed one?',
      'A missed fraud costs about ten times more; alerts are reviewed by an analyst.',
    ],
    kpi: ['Fraud caught before loss', '≥ 90 %'],
    sameKpi: /fraud caught|missed fraud/i,
    guardrail: 'Never tell a customer they are suspected of fraud',
  },
  {
    pattern: /churn|retention|cancel/i,
    question: ['Which retention offers may the agents make?', 'Only the offers in the current retention catalogue.'],
    kpi: ['Churn of contacted customers', '−15 %'],
    sameKpi: /churn/i,
    guardrail: 'Offer only catalogue discounts',
    sameGuardrail: /catalogue/i,
  },
  {
    pattern: /support|service desk|help ?desk|customer service|ticket/i,
    question: ['What response time do customers expect?', 'A first answer within 1 minute in chat, 4 hours by email.'],
    kpi: ['First response time', '< 1 minute'],
    sameKpi: /first response|time to (answer|first response)/i,
    guardrail: 'Hand over to a human whenever the customer asks for one',
  },
  {
    pattern: /invoice|procure|purchase|payable|expense/i,
    question: ['What are the approval limits for spending?', 'Up to $1,000 automatic, above that a manager approves.'],
    kpi: ['Invoices processed without touch', '≥ 60 %'],
    sameKpi: /without touch|touchless|straight-through/i,
    guardrail: 'Never change bank details of a supplier',
  },
  {
    pattern: /inventory|stock|supply|demand|forecast/i,
    question: ['How far ahead must the forecast look?', 'Four weeks, refreshed daily.'],
    kpi: ['Forecast accuracy (MAPE)', '< 15 %'],
    sameKpi: /forecast/i,
    guardrail: 'Purchase orders are proposals until a buyer confirms',
  },
  {
    pattern: /claim|insurance|underwrit/i,
    question: ['Which claim types are in scope?', 'Simple property claims below $5,000.'],
    kpi: ['Claim cycle time', '< 2 days'],
    sameKpi: /claim (cycle|turnaround)/i,
    guardrail: 'A licensed adjuster approves every payout',
  },
  {
    pattern: /onboard|kyc|account open/i,
    question: ['Which documents prove identity?', 'A passport or national ID plus a proof of address.'],
    kpi: ['Onboarding completion rate', '≥ 85 %'],
    sameKpi: /onboarding/i,
    guardrail: 'Identity documents are never stored in prompts or logs',
  },
];

function topics(design: WizardDesign): TopicRule[] {
  return TOPICS.filter((t) => t.pattern.test(design.objective));
}

const ids = (prefix: string) => {
  let n = 0;
  return () => `${prefix}-${++n}`;
};

export function suggestClarifications(design: WizardDesign): Clarification[] {
  const profile = profileFor(design.industry);
  const next = ids('q');
  const pairs: [string, string][] = [];
  if (design.objective.trim().length < 60) {
    const who = design.objective.trim()
      ? `"${goalOf(design.objective)}" takes minutes instead of hours for ${profile.label.toLowerCase()} staff`
      : `${profile.label} staff resolve the requests in scope faster`;
    pairs.push([
      'What should be measurably different once this works, and for whom?',
      `${who}, with fewer hand-offs and a full audit trail.`,
    ]);
  }
  if (design.systems.length === 0) {
    pairs.push(['Which systems hold the data the agents need?', profile.systems.slice(0, 3).join(', ')]);
  } else {
    pairs.push([
      clip(`Should the agents only read from ${design.systems.join(', ')}, or also write to them?`),
      'Read only for the demo; writes are drafted and confirmed by a person.',
    ]);
  }
  for (const t of topics(design)) pairs.push(t.question);
  pairs.push(...profile.questions);
  const answered = new Map(design.clarifications.map((c) => [c.question, c.answer]));
  return dedupe(pairs, (p) => p[0])
    .slice(0, LIMITS.list)
    .map(([question, suggestion]) => ({ id: next(), question, suggestion, answer: answered.get(question) ?? '' }));
}

export function suggestKpis(design: WizardDesign): Kpi[] {
  const next = ids('kpi');
  const matched = topics(design);
  // The topic's KPI is the one the user's objective asked for: it wins over the profile's.
  const fromProfile = profileFor(design.industry).kpis.filter(([name]) => !matched.some((t) => t.sameKpi.test(name)));
  return dedupe([...matched.map((t) => t.kpi), ...fromProfile], (p) => p[0]).map(([name, target]) => ({
    id: next(),
    name,
    target,
  }));
}

/** "Refunds above $200, complaints…, and any request…" → one approval per item, capitalised. */
function approvalItems(answer: string): string[] {
  return answer
    .replace(/[.;]+\s*$/, '')
    .split(/,\s*(?:and\s+|or\s+)?|\s+and\s+|;\s*/)
    .map((s) => s.trim())
    .filter((s) => s.length > 3)
    .map((s) => clip(s.charAt(0).toUpperCase() + s.slice(1)));
}

export function suggestGuardrails(design: WizardDesign): Guardrails {
  const g = profileFor(design.industry).guardrails;
  const matched = topics(design);
  const systems = design.systems.map((s) => `Use ${s} through the agents' tools only, with the least privilege needed`);
  const profileConstraints = g.constraints.filter((c) => !matched.some((t) => t.sameGuardrail?.test(c)));
  const fromAnswers = design.clarifications
    .filter((c) => c.answer.trim() && /human|approv|take over|sign off|escalat/i.test(c.question))
    .flatMap((c) => approvalItems(c.answer));
  return {
    constraints: dedupe([...profileConstraints, ...matched.map((t) => t.guardrail), ...systems], (s) => s).slice(
      0,
      LIMITS.list,
    ),
    forbiddenData: [...g.forbiddenData],
    approvals: dedupe([...g.approvals, ...fromAnswers], (s) => s).slice(0, LIMITS.list),
  };
}

export function suggestDemo(design: WizardDesign): DemoStrategy {
  const d = profileFor(design.industry).demo;
  const objective = design.objective.trim() ? goalOf(design.objective) : '';
  const agentNames = design.agents.map((a) => a.name).filter(Boolean);
  const prompts = objective ? [...d.prompts, clip(`Show how the team handles this: ${objective}`)] : [...d.prompts];
  const showcase = agentNames.length
    ? [...d.showcase, clip(`The hand-offs between ${agentNames.join(', ')}`)]
    : [...d.showcase];
  const kpiPoints = design.kpis.slice(0, 2).map((k) => `Expected impact: ${k.name} ${k.target}`.trim());
  const approvals = design.guardrails.approvals.slice(0, 1).map((a) => clip(`A person still approves: ${a}`));
  return { prompts, showcase, talkingPoints: dedupe([...d.talkingPoints, ...kpiPoints, ...approvals], (s) => s) };
}

const clip = (s: string) => s.slice(0, LIMITS.long);

/** The objective's first sentence (cut at a word after 140 characters): what the team is for. */
export function goalOf(objective: string): string {
  const first = objective
    .trim()
    .split(/\n|(?<=[.!?])\s/)[0]
    .trim()
    .replace(/[.!?]+$/, '');
  if (first.length <= 140) return first;
  const cut = first.slice(0, 140);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 80 ? cut.lastIndexOf(' ') : 140)}…`;
}

export function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    // "Refunds above $200." and "refunds  above $200" are one suggestion.
    const k = key(item)
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[.!;:,\s]+$/, '')
      .trim();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
