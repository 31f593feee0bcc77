/**
 * The documents of a generated project: Kiro steering files (product, tech, structure) so an
 * assistant working in the project knows its purpose and rules, and a README for running the demo.
 * User text is Markdown content here; list items are kept to one line each.
 */
import type { WizardDesign } from '../../protocol/ideationWizard';
import type { ProjectPlan } from './projectPlan';

const line = (s: string) => s.replace(/\s+/g, ' ').trim();
const bullets = (items: string[], empty = '_None specified._') => (items.filter((s) => s.trim()).length ? items.filter((s) => s.trim()).map((s) => `- ${line(s)}`).join('\n') : empty);
/** Text inside an inline code span, whatever backticks it contains. */
const code = (s: string) => {
  const longest = Math.max(0, ...(line(s).match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${line(s)} ${fence}`;
};

/** A POSIX shell word that is exactly `s`, so a copied command cannot run anything the prompt contains. */
export const shellQuote = (s: string) => `'${line(s).replace(/'/g, `'\\''`)}'`;

export function productMd(design: WizardDesign, plan: ProjectPlan): string {
  const answered = design.clarifications.filter((c) => c.answer.trim());
  return `# Product: ${line(plan.title)}

## Objective
${design.objective.trim() || '_Not specified._'}

Industry: ${design.industry}. Systems involved: ${design.systems.map(line).join(', ') || 'none named'}.

## Decisions made while designing
${answered.length ? answered.map((c) => `- **${line(c.question)}** ${line(c.answer)}`).join('\n') : '_None recorded._'}

## Success metrics
${bullets(design.kpis.map((k) => `${k.name}: ${k.target}`))}

## Guardrails
Constraints:
${bullets(design.guardrails.constraints)}

Data the agents must never touch:
${bullets(design.guardrails.forbiddenData)}

Human approval required for:
${bullets(design.guardrails.approvals)}
`;
}

export function techMd(plan: ProjectPlan): string {
  return `# Tech

- Python 3.10+ with the Agentify decorators (\`from agentify import workflow, agent, tool\`): every workflow,
  agent and tool call becomes an event on stdout and in the DynamoDB events table, shown live by the
  Agentify Demo Viewer.
- Orchestration pattern: **${plan.pattern}**.
- Tools are mocks that return \`mock_data/tool_responses.json\`, so the demo runs offline and is
  deterministic. Replace a mock with a real client one tool at a time; keep the \`@tool\` decorator.
- Events go to the table in \`.agentify/config.json\` (\`"endpoint": "local"\` = the DynamoDB Local that
  Agentify starts; \`""\` = AWS).
- Entry point: \`python agents/main.py --prompt "…" [--workflow-id ID] [--trace-id HEX]\`.
- Keep agent answers deterministic in tests; never log secrets or the forbidden data listed in product.md.
`;
}

export function structureMd(plan: ProjectPlan): string {
  const agents = plan.agents.map((a) => `- \`agents/${a.module}.py\`: ${line(a.name)}, tools: ${a.tools.map((t) => `\`${t.ident}\``).join(', ') || 'none'}`).join('\n');
  return `# Structure

- \`agents/main.py\`: entry point; runs the team in the designed order and reports the result.
- \`agents/workflow_runtime.py\`: reads \`agents/workflow_design.json\` (names, roles, instructions, hand-offs) and composes answers.
- \`agents/mock_tools.py\`: serves mock tool responses from \`mock_data/\`.
${agents}
- \`mock_data/\`: sample records and mock tool responses.
- \`.agentify/config.json\`: where events are written.
- \`.kiro/steering/\`: these documents.
`;
}

export function readmeMd(design: WizardDesign, plan: ProjectPlan): string {
  const prompts = design.demo.prompts.filter((p) => p.trim());
  const first = prompts[0] ?? 'Run the workflow';
  return `# ${line(plan.title)} — Agentify demo

A ${plan.pattern} team of ${plan.agents.length} agents, designed with the Agentify Ideation Wizard.
It runs offline on mock data; every agent and tool call appears live in the Agentify Demo Viewer.

## Run it

1. Install the Agentify decorators: \`pip install -e "path/to/agentify/python-decorators[dynamodb]"\`.
2. In VS Code run **Agentify: Open Demo Viewer**, type a prompt and press Run; or from a terminal:

   python agents/main.py --prompt ${code(shellQuote(first))}

## The team

${plan.agents.map((a) => `- **${line(a.name)}**: ${line(a.role) || 'no role given'}${a.tools.length ? ` (tools: ${a.tools.map((t) => line(t.name)).join(', ')})` : ''}`).join('\n') || '_No agents yet._'}

## Demo script

Prompts to run:
${bullets(prompts)}

What to show:
${bullets(design.demo.showcase)}

Talking points:
${bullets(design.demo.talkingPoints)}
`;
}

export function docFiles(design: WizardDesign, plan: ProjectPlan): Record<string, string> {
  return {
    '.kiro/steering/product.md': productMd(design, plan),
    '.kiro/steering/tech.md': techMd(plan),
    '.kiro/steering/structure.md': structureMd(plan),
    'README.md': readmeMd(design, plan),
  };
}
