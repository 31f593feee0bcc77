/**
 * Per-step checks before the wizard moves on. Each message says what is missing and how to fix it;
 * keys name the field the message belongs next to.
 */
import { StepId, WizardDesign } from '../../src/protocol/ideationWizard';
import { nonEmpty } from './dom';

export type StepErrors = Record<string, string>;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function jsonError(text: string, wantArray: boolean): string | undefined {
  if (!text.trim()) return 'Enter JSON, for example [] or {}.';
  if (!isJson(text)) return 'This is not valid JSON. Check quotes, commas and brackets.';
  if (wantArray && !Array.isArray(JSON.parse(text))) return 'Enter a JSON array of records, for example [{"id": 1}].';
  return undefined;
}

export function validateStep(step: StepId, d: WizardDesign): StepErrors {
  const e: StepErrors = {};
  switch (step) {
    case 'objective':
      if (d.objective.trim().length < 20)
        e.objective =
          'Describe the business objective in at least 20 characters: what should the agents achieve, and for whom?';
      if (nonEmpty(d.systems).length === 0)
        e.systems = 'Add at least one system the agents work with (for example CRM, ERP or ticketing).';
      break;
    case 'clarify':
      if (d.clarifications.length === 0)
        e.clarifications = 'Ask the assistant for follow-up questions, or add a question of your own.';
      d.clarifications.forEach((c, i) => {
        if (!c.question.trim()) e[`question-${i}`] = 'Write the question, or remove it.';
        if (!c.answer.trim())
          e[`answer-${i}`] =
            'Answer this question: accept the suggestion, write your own answer, or remove the question.';
      });
      break;
    case 'outcomes':
      if (d.kpis.length === 0) e.kpis = 'Add at least one success metric (KPI) with a target.';
      d.kpis.forEach((k, i) => {
        if (!k.name.trim()) e[`kpi-name-${i}`] = 'Name the metric.';
        if (!k.target.trim()) e[`kpi-target-${i}`] = 'Give the metric a target, for example "< 2 minutes" or "≥ 90 %".';
      });
      break;
    case 'guardrails':
      if (nonEmpty(d.guardrails.constraints).length === 0)
        e.constraints = 'List at least one security or compliance constraint, one per line.';
      if (nonEmpty(d.guardrails.approvals).length === 0 && nonEmpty(d.guardrails.forbiddenData).length === 0)
        e.approvals = 'Name data the agents must not touch or a point where a person approves (or both).';
      break;
    case 'team': {
      if (d.agents.length === 0) e.agents = 'Add at least one agent, or ask the assistant to propose a team.';
      const names = d.agents.map((a) => a.name.trim().toLowerCase());
      d.agents.forEach((a, i) => {
        if (!a.name.trim()) e[`agent-name-${i}`] = 'Name the agent.';
        else if (names.indexOf(a.name.trim().toLowerCase()) !== i)
          e[`agent-name-${i}`] = 'Another agent has this name. Give each agent its own name.';
        if (!a.role.trim()) e[`agent-role-${i}`] = "Describe the agent's role in a few words.";
        const tools = a.tools.map((t) => t.name.trim().toLowerCase());
        a.tools.forEach((t, j) => {
          if (!t.name.trim()) e[`tool-name-${i}-${j}`] = 'Name the tool.';
          else if (tools.indexOf(t.name.trim().toLowerCase()) !== j)
            e[`tool-name-${i}-${j}`] = 'This agent already has a tool with this name.';
        });
      });
      if (d.pattern === 'graph' && d.agents.length > 1 && d.edges.length === 0)
        e.edges =
          'A graph needs hand-offs: connect the agents (click one agent, then another), or choose the sequential ' +
          'pattern.';
      break;
    }
    case 'mockData':
      d.datasets.forEach((ds, i) => {
        if (!ds.name.trim()) e[`dataset-name-${i}`] = 'Name the data set.';
        const err = jsonError(ds.records, true);
        if (err) e[`dataset-records-${i}`] = err;
      });
      d.agents.forEach((a, i) =>
        a.tools.forEach((t, j) => {
          const err = jsonError(t.mockResponse, false);
          if (err) e[`mock-${i}-${j}`] = err;
        }),
      );
      break;
    case 'demo':
      if (nonEmpty(d.demo.prompts).length === 0)
        e.prompts = 'Add at least one prompt to run in the demo, one per line.';
      break;
    case 'review':
      break;
  }
  return e;
}

export const hasErrors = (e: StepErrors) => Object.keys(e).length > 0;
