/**
 * The documents of a generated project: Kiro steering files (product, tech, structure) so an
 * assistant working in the project knows its purpose and rules, and a README for running the demo.
 * User text is Markdown content here; list items are kept to one line each.
 */
import type { WizardDesign } from '../../protocol/ideationWizard';
import type { ConfigFileOptions } from './dataFiles';
import type { ProjectPlan } from './projectPlan';

const line = (s: string) => s.replace(/\s+/g, ' ').trim();
const bullets = (items: string[], empty = '_None specified._') =>
  items.filter((s) => s.trim()).length
    ? items
        .filter((s) => s.trim())
        .map((s) => `- ${line(s)}`)
        .join('\n')
    : empty;
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

/** Where the events go, in words: the table the config names, or the settings when it names none. */
export function eventsTarget(config: ConfigFileOptions | undefined): string {
  if (!config) return 'the events table of the Agentify settings (`.agentify/config.json` names none)';
  const where =
    config.endpoint === 'local'
      ? 'the DynamoDB Local that Agentify starts'
      : config.endpoint
        ? config.endpoint
        : `AWS, region ${config.region}`;
  return `the table \`${line(config.tableName)}\` on ${line(where)}, as set in \`.agentify/config.json\``;
}

export function techMd(plan: ProjectPlan, config: ConfigFileOptions | undefined): string {
  return `# Tech

- Python 3.10+ with the Agentify decorators (\`from agentify import workflow, agent, tool\`): every workflow,
  agent and tool call becomes an event on stdout and in the DynamoDB events table, shown live by the
  Agentify Demo Viewer.
- Orchestration pattern: **${plan.pattern}**.
- Tools are mocks that return \`mock_data/tool_responses.json\`, so the demo runs offline and is
  deterministic. Replace a mock with a real client one tool at a time; keep the \`@tool\` decorator.
- Events go to ${eventsTarget(config)}. Remove the \`infrastructure\` section there to follow the VS Code
  settings instead.
- Each run registers the agents in the Agentify agent registry (\`agents/agent_registry.py\`; capabilities are
  their tools); \`AGENTIFY_REGISTER_AGENTS=0\` turns it off.
- Entry point: \`python3 agents/main.py --prompt "…" [--workflow-id ID] [--trace-id HEX]\`.
- Keep agent answers deterministic in tests; never log secrets or the forbidden data listed in product.md.
`;
}

export function structureMd(plan: ProjectPlan): string {
  const agents = plan.agents
    .map(
      (a) =>
        `- \`agents/${a.module}.py\`: ${line(a.name)}, tools: ` +
        `${a.tools.map((t) => `\`${t.ident}\``).join(', ') || 'none'}`,
    )
    .join('\n');
  return `# Structure

- \`agents/main.py\`: entry point; runs the team in the designed order and reports the result.
- \`agents/workflow_runtime.py\`: reads \`agents/workflow_design.json\` (names, roles, instructions,
  hand-offs) and composes answers.
- \`agents/mock_tools.py\`: serves mock tool responses from \`mock_data/\`.
- \`agents/agent_registry.py\`: registers the agents and their capabilities when the workflow runs.
${agents}
- \`mock_data/\`: sample records and mock tool responses.
- \`.agentify/config.json\`: where events are written.
- \`.kiro/steering/\`: these documents.
`;
}

function teamLine(a: ProjectPlan['agents'][number]): string {
  const tools = a.tools.length ? ` (tools: ${a.tools.map((t) => line(t.name)).join(', ')})` : '';
  return `- **${line(a.name)}**: ${line(a.role) || 'no role given'}${tools}`;
}

export interface ReadmeOptions {
  config?: ConfigFileOptions;
  /** The decorators that come with the extension (its python-decorators folder), when known. */
  decoratorsPath?: string;
}

/** The terminal command, one shell line: every user-given part is a single quoted word. */
export function runCommand(prompt: string, decoratorsPath: string | undefined): string {
  const env = decoratorsPath ? `PYTHONPATH=${shellQuote(decoratorsPath)} ` : '';
  return `${env}python3 agents/main.py --prompt ${shellQuote(prompt)}`;
}

export function readmeMd(design: WizardDesign, plan: ProjectPlan, options: ReadmeOptions = {}): string {
  const prompts = design.demo.prompts.filter((p) => p.trim());
  const decorators = options.decoratorsPath
    ? 'The command puts the decorators that come with the Agentify extension on `PYTHONPATH` (that folder moves\n' +
      'when the extension is updated); `pip install boto3` once for the events table.'
    : 'Put the Agentify decorators (the `python-decorators` folder of the extension or of the Agentify repository)\n' +
      'on `PYTHONPATH` first, and `pip install boto3` once for the events table.';
  return `# ${line(plan.title)} — Agentify demo

A ${plan.pattern} team of ${plan.agents.length} agents, designed with the Agentify Ideation Wizard.
It runs offline on mock data; every agent and tool call appears live in the Agentify Demo Viewer.

## Run it

1. Open this folder in VS Code (**File › Open Folder…**).
2. Run **Agentify: Open Demo Viewer**, type a prompt and press Run. Agentify provides the decorators;
   nothing to install.

Or from a terminal in this folder:

\`\`\`sh
${runCommand(plan.defaultPrompt, options.decoratorsPath)}
\`\`\`

${decorators}
Events go to ${eventsTarget(options.config)}.

## The team

${plan.agents.map(teamLine).join('\n') || '_No agents yet._'}

Each run registers these agents in the Agentify agent registry, with their tools as capabilities.

## Demo script

Prompts to run:
${bullets(prompts)}

What to show:
${bullets(design.demo.showcase)}

Talking points:
${bullets(design.demo.talkingPoints)}
`;
}

export function docFiles(design: WizardDesign, plan: ProjectPlan, options: ReadmeOptions = {}): Record<string, string> {
  return {
    '.kiro/steering/product.md': productMd(design, plan),
    '.kiro/steering/tech.md': techMd(plan, options.config),
    '.kiro/steering/structure.md': structureMd(plan),
    'README.md': readmeMd(design, plan, options),
  };
}
