/**
 * The Ideation Wizard's host ⇄ webview protocol: the design the user builds (also the persisted
 * state), the assistant's suggestions, and every message both ways. Both sides import this file;
 * message names appear nowhere else. Each shape is declared once, as a valibot schema its type is
 * inferred from; everything from the webview is checked against these schemas.
 */
import * as v from 'valibot';
import { Schema, boundedString, command, noParams, notification, request } from './ipc';

export const STEPS = ['objective', 'clarify', 'outcomes', 'guardrails', 'team', 'mockData', 'demo', 'review'] as const;
export const StepId = v.picklist(STEPS);
export type StepId = v.InferOutput<typeof StepId>;

export const INDUSTRIES = [
  'retail',
  'finance',
  'healthcare',
  'manufacturing',
  'logistics',
  'telecom',
  'generic',
] as const;
export const Industry = v.picklist(INDUSTRIES);
export type Industry = v.InferOutput<typeof Industry>;

export const PATTERNS = ['sequential', 'graph', 'supervisor'] as const;
export const Pattern = v.picklist(PATTERNS);
export type Pattern = v.InferOutput<typeof Pattern>;

/** Steps the assistant can fill in. */
export const SUGGEST_STEPS = ['clarify', 'outcomes', 'guardrails', 'team', 'mockData', 'demo'] as const;
export const SuggestStep = v.picklist(SUGGEST_STEPS);
export type SuggestStep = v.InferOutput<typeof SuggestStep>;

/** Limits on user text: generous for writing, small enough that a hostile message cannot hurt. */
export const LIMITS = { short: 200, long: 8_000, json: 100_000, list: 50 } as const;

const short = boundedString(LIMITS.short);
const long = boundedString(LIMITS.long);
const json = boundedString(LIMITS.json);
const id = boundedString(64);
/** A list the user writes: at most LIMITS.list items. */
const list = <T>(item: Schema<T>) => v.pipe(v.array(item), v.maxLength(LIMITS.list));
const lines = list(long);

export const Clarification = v.object({
  id,
  question: long,
  /** The user's answer; empty until the user accepts the suggestion or writes one. */
  answer: long,
  /** The assistant's proposed answer. */
  suggestion: long,
});
export type Clarification = v.InferOutput<typeof Clarification>;

export const Kpi = v.object({ id, name: short, target: short });
export type Kpi = v.InferOutput<typeof Kpi>;

export const Guardrails = v.object({ constraints: lines, forbiddenData: lines, approvals: lines });
export type Guardrails = v.InferOutput<typeof Guardrails>;

export const ToolDesign = v.object({
  id,
  name: short,
  description: long,
  /** JSON text the mock tool returns. */
  mockResponse: json,
});
export type ToolDesign = v.InferOutput<typeof ToolDesign>;

export const AgentDesign = v.object({ id, name: short, role: long, instructions: long, tools: list(ToolDesign) });
export type AgentDesign = v.InferOutput<typeof AgentDesign>;

/** A hand-off between two agents (by id). */
export const EdgeDesign = v.object({ from: id, to: id });
export type EdgeDesign = v.InferOutput<typeof EdgeDesign>;

export const Dataset = v.object({
  id,
  name: short,
  /** JSON text: an array of sample records. */
  records: json,
});
export type Dataset = v.InferOutput<typeof Dataset>;

export const DemoStrategy = v.object({ prompts: lines, showcase: lines, talkingPoints: lines });
export type DemoStrategy = v.InferOutput<typeof DemoStrategy>;

export const WizardDesign = v.object({
  objective: long,
  industry: Industry,
  systems: list(short),
  clarifications: list(Clarification),
  kpis: list(Kpi),
  guardrails: Guardrails,
  pattern: Pattern,
  agents: list(AgentDesign),
  edges: v.array(EdgeDesign),
  datasets: list(Dataset),
  demo: DemoStrategy,
});
export type WizardDesign = v.InferOutput<typeof WizardDesign>;

export const WizardState = v.object({ step: StepId, design: WizardDesign });
export type WizardState = v.InferOutput<typeof WizardState>;

export function emptyDesign(): WizardDesign {
  return {
    objective: '',
    industry: 'generic',
    systems: [],
    clarifications: [],
    kpis: [],
    guardrails: { constraints: [], forbiddenData: [], approvals: [] },
    pattern: 'sequential',
    agents: [],
    edges: [],
    datasets: [],
    demo: { prompts: [], showcase: [], talkingPoints: [] },
  };
}

/** Hand-offs a pattern implies: a chain, the first agent supervising the others, or a fan-out/fan-in. */
export function defaultEdges(pattern: Pattern, agentIds: string[]): EdgeDesign[] {
  if (agentIds.length < 2) return [];
  if (pattern === 'supervisor') return agentIds.slice(1).map((to) => ({ from: agentIds[0], to }));
  if (pattern === 'graph' && agentIds.length >= 4) {
    const [first, last, middle] = [agentIds[0], agentIds[agentIds.length - 1], agentIds.slice(1, -1)];
    return [...middle.map((to) => ({ from: first, to })), ...middle.map((from) => ({ from, to: last }))];
  }
  return agentIds.slice(1).map((to, i) => ({ from: agentIds[i], to }));
}

// ── assistant suggestions ───────────────────────────────────────────────────────────────────

export const Suggestion = v.variant('step', [
  v.object({ step: v.literal('clarify'), clarifications: list(Clarification) }),
  v.object({ step: v.literal('outcomes'), kpis: list(Kpi) }),
  v.object({ step: v.literal('guardrails'), guardrails: Guardrails }),
  v.object({ step: v.literal('team'), pattern: Pattern, agents: list(AgentDesign), edges: v.array(EdgeDesign) }),
  v.object({
    step: v.literal('mockData'),
    datasets: list(Dataset),
    toolResponses: v.array(v.object({ toolName: short, mockResponse: json })),
  }),
  v.object({ step: v.literal('demo'), demo: DemoStrategy }),
]);
export type Suggestion = v.InferOutput<typeof Suggestion>;

export const AssistantKind = v.picklist(['offline', 'bedrock']);
export type AssistantKind = v.InferOutput<typeof AssistantKind>;

export const AssistantInfo = v.object({
  kind: AssistantKind,
  /** The Bedrock model id when kind is bedrock. */
  modelId: v.optional(short),
});
export type AssistantInfo = v.InferOutput<typeof AssistantInfo>;

export const SuggestResult = v.object({
  requestId: id,
  suggestion: Suggestion,
  /** Which assistant produced it: offline also when Bedrock failed and it fell back. */
  source: AssistantKind,
  /** Shown to the user, e.g. why it fell back to the offline assistant and what to do. */
  notice: v.optional(long),
});
export type SuggestResult = v.InferOutput<typeof SuggestResult>;

const folderPath = boundedString(4_096);
const relPath = boundedString(500);

/** What generating into a folder would write there. */
export const ProjectPreview = v.object({
  /** Absolute path of the project folder: by default a new folder named after the workflow. */
  folder: folderPath,
  files: v.array(
    v.object({
      /** Relative to the project folder. */
      path: relPath,
      content: boundedString(2_000_000),
      /** A file already exists at this path. */
      exists: v.boolean(),
      /** That file differs from the generated one: generating replaces it, only with consent. */
      changes: v.boolean(),
    }),
  ),
});
export type ProjectPreview = v.InferOutput<typeof ProjectPreview>;

export const GenerateResult = v.object({
  /** False when nothing was written (existing files would change without consent, or an error). */
  written: v.boolean(),
  folder: folderPath,
  paths: v.array(relPath),
  message: long,
});
export type GenerateResult = v.InferOutput<typeof GenerateResult>;

// ── messages ────────────────────────────────────────────────────────────────────────────────

/** host → webview after `ready`: what it remembers (workspaceState) and which assistant is active. */
export const StateNotification = notification(
  'ideationWizard/state',
  v.object({ state: v.nullable(WizardState), assistant: AssistantInfo }),
);
/** host → webview: "Agentify: Reset Wizard" was run. */
export const ResetNotification = notification('ideationWizard/reset', noParams);
/** host → webview: one streamed piece of the assistant's answer. */
export const AssistantTokenNotification = notification(
  'ideationWizard/assistantToken',
  v.object({ requestId: id, text: boundedString(100_000) }),
);

/** webview → host: the state changed; the host keeps it in workspaceState. */
export const SaveStateCommand = command('ideationWizard/saveState', WizardState);
/** webview → host: ask the assistant; tokens stream as AssistantTokenNotification meanwhile. */
export const SuggestRequest = request(
  'ideationWizard/suggest',
  v.object({
    /** Chosen by the webview so it can match streamed tokens to its request. */
    requestId: id,
    step: SuggestStep,
    design: WizardDesign,
  }),
  SuggestResult,
);
/** webview → host: the folder and the files generation would write (folder omitted = the default). */
export const PreviewRequest = request(
  'ideationWizard/preview',
  v.object({ design: WizardDesign, folder: v.optional(folderPath) }),
  ProjectPreview,
);
/**
 * webview → host: write the project, all or nothing. `overwrite` lists the existing files the user
 * agreed to replace in the preview; any other file that would change means nothing is written.
 */
export const GenerateRequest = request(
  'ideationWizard/generate',
  v.object({ design: WizardDesign, folder: v.optional(folderPath), overwrite: v.array(relPath) }),
  GenerateResult,
);
/** webview → host: let the user pick the folder to generate into; null when they cancelled. */
export const ChooseFolderRequest = request(
  'ideationWizard/chooseFolder',
  v.object({ current: v.optional(folderPath) }),
  v.object({ folder: v.nullable(folderPath) }),
);
