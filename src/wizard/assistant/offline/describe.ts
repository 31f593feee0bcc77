/** A readable account of a suggestion: what the offline assistant "says" while it streams. */
import type { Suggestion } from '../../../protocol/ideationWizard';

export function describeSuggestion(s: Suggestion): string {
  switch (s.step) {
    case 'clarify':
      return (
        `I have ${s.clarifications.length} questions that would sharpen the design. Accept my suggested answers or ` +
        `write your own.\n` +
        s.clarifications.map((c) => `• ${c.question}`).join('\n')
      );
    case 'outcomes':
      return (
        `Here are ${s.kpis.length} ways to measure success:\n` +
        s.kpis.map((k) => `• ${k.name}: ${k.target}`).join('\n')
      );
    case 'guardrails':
      return (
        `Guardrails I suggest: ${s.guardrails.constraints.length} constraints, ` +
        `${s.guardrails.forbiddenData.length} kinds of data the agents must not touch, ` +
        `${s.guardrails.approvals.length} human approval points.`
      );
    case 'team':
      return (
        `A ${s.pattern} team of ${s.agents.length} agents:\n` +
        s.agents
          .map(
            (a) => `• ${a.name} (${a.role})${a.tools.length ? ` with ${a.tools.map((t) => t.name).join(', ')}` : ''}`,
          )
          .join('\n')
      );
    case 'mockData':
      return (
        `Sample data: ${s.datasets.map((d) => d.name).join(', ') || 'none'}; mock responses for ` +
        `${s.toolResponses.length} tools, so the demo runs without real systems.`
      );
    case 'demo':
      return `A demo in ${s.demo.prompts.length} prompts:\n` + s.demo.prompts.map((p) => `• ${p}`).join('\n');
  }
}
