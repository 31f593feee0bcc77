/**
 * What accepting an assistant suggestion does to the design, and how a suggestion is shown before
 * the user accepts it. Accepting keeps the user's own work where it can: answers to questions
 * already answered, questions the user added, mock responses of tools the suggestion does not know.
 */
import type { Suggestion, WizardDesign } from '../../src/protocol/ideationWizard';
import { el } from './dom';

export function applySuggestion(d: WizardDesign, s: Suggestion): void {
  switch (s.step) {
    case 'clarify': {
      const answers = new Map(d.clarifications.map((c) => [c.question.trim(), c.answer]));
      const suggested = new Set(s.clarifications.map((c) => c.question.trim()));
      const own = d.clarifications.filter((c) => !suggested.has(c.question.trim()));
      d.clarifications = [
        ...s.clarifications.map((c) => ({ ...c, answer: answers.get(c.question.trim()) || c.answer })),
        ...own,
      ];
      break;
    }
    case 'outcomes':
      d.kpis = s.kpis.map((k) => ({ ...k }));
      break;
    case 'guardrails':
      d.guardrails = {
        constraints: [...s.guardrails.constraints],
        forbiddenData: [...s.guardrails.forbiddenData],
        approvals: [...s.guardrails.approvals],
      };
      break;
    case 'team':
      d.pattern = s.pattern;
      d.agents = s.agents.map((a) => ({ ...a, tools: a.tools.map((t) => ({ ...t })) }));
      d.edges = s.edges.map((e) => ({ ...e }));
      break;
    case 'mockData': {
      d.datasets = s.datasets.map((x) => ({ ...x }));
      const byName = new Map(s.toolResponses.map((r) => [r.toolName, r.mockResponse]));
      for (const a of d.agents) for (const t of a.tools) t.mockResponse = byName.get(t.name) ?? t.mockResponse;
      break;
    }
    case 'demo':
      d.demo = {
        prompts: [...s.demo.prompts],
        showcase: [...s.demo.showcase],
        talkingPoints: [...s.demo.talkingPoints],
      };
      break;
  }
}

const list = (items: string[]) => el('ul', {}, ...items.map((i) => el('li', {}, i)));

/** A readable preview of a suggestion; every piece of text is set as text. */
export function renderSuggestion(s: Suggestion): HTMLElement {
  const box = el('div', { class: 'suggestion', testid: 'suggestion' });
  switch (s.step) {
    case 'clarify':
      box.append(list(s.clarifications.map((c) => `${c.question} — ${c.suggestion}`)));
      break;
    case 'outcomes':
      box.append(list(s.kpis.map((k) => `${k.name}: ${k.target}`)));
      break;
    case 'guardrails':
      box.append(
        el('h4', {}, 'Constraints'),
        list(s.guardrails.constraints),
        el('h4', {}, 'Data the agents must not touch'),
        list(s.guardrails.forbiddenData),
        el('h4', {}, 'Human approval points'),
        list(s.guardrails.approvals),
      );
      break;
    case 'team':
      box.append(
        el('p', {}, `Pattern: ${s.pattern}`),
        list(
          s.agents.map(
            (a) => `${a.name} — ${a.role}${a.tools.length ? ` (tools: ${a.tools.map((t) => t.name).join(', ')})` : ''}`,
          ),
        ),
      );
      break;
    case 'mockData':
      box.append(
        list([
          ...s.datasets.map((x) => `Data set: ${x.name}`),
          ...s.toolResponses.map((r) => `Mock response for ${r.toolName}`),
        ]),
      );
      break;
    case 'demo':
      box.append(
        el('h4', {}, 'Prompts'),
        list(s.demo.prompts),
        el('h4', {}, 'What to show'),
        list(s.demo.showcase),
        el('h4', {}, 'Talking points'),
        list(s.demo.talkingPoints),
      );
      break;
  }
  return box;
}
