/**
 * The Ideation Wizard's host ⇄ webview protocol: the design the user builds (also the persisted
 * state), the assistant's suggestions, and every message both ways. Both sides import this file;
 * message names appear nowhere else. Everything from the webview is checked by these guards.
 */
import {
  Guard,
  arrayOf,
  boundedString,
  command,
  isNothing,
  isRecord,
  notification,
  oneOf,
  optional,
  request,
  shape,
} from './ipc';

export const STEPS = ['objective', 'clarify', 'outcomes', 'guardrails', 'team', 'mockData', 'demo', 'review'] as const;
export type StepId = (typeof STEPS)[number];

export const INDUSTRIES = [
  'retail',
  'finance',
  'healthcare',
  'manufacturing',
  'logistics',
  'telecom',
  'generic',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const PATTERNS = ['sequential', 'graph', 'supervisor'] as const;
export type Pattern = (typeof PATTERNS)[number];

/** Steps the assistant can fill in. */
export const SUGGEST_STEPS = ['clarify', 'outcomes', 'guardrails', 'team', 'mockData', 'demo'] as const;
export type SuggestStep = (typeof SUGGEST_STEPS)[number];

/** Limits on user text: generous for writing, small enough that a hostile message cannot hurt. */
export const LIMITS = { short: 200, long: 8_000, json: 100_000, list: 50 } as const;

export interface Clarification {
  id: string;
  question: string;
  /** The user's answer; empty until the user accepts the suggestion or writes one. */
  answer: string;
  /** The assistant's proposed answer. */
  suggestion: string;
}
export interface Kpi {
  id: string;
  name: string;
  target: string;
}
export interface Guardrails {
  constraints: string[];
  forbiddenData: string[];
  approvals: string[];
}
export interface ToolDesign {
  id: string;
  name: string;
  description: string;
  /** JSON text the mock tool returns. */
  mockResponse: string;
}
export interface AgentDesign {
  id: string;
  name: string;
  role: string;
  instructions: string;
  tools: ToolDesign[];
}
/** A hand-off between two agents (by id). */
export interface EdgeDesign {
  from: string;
  to: string;
}
export interface Dataset {
  id: string;
  name: string;
  /** JSON text: an array of sample records. */
  records: string;
}
export interface DemoStrategy {
  prompts: string[];
  showcase: string[];
  talkingPoints: string[];
}

export interface WizardDesign {
  objective: string;
  industry: Industry;
  systems: string[];
  clarifications: Clarification[];
  kpis: Kpi[];
  guardrails: Guardrails;
  pattern: Pattern;
  agents: AgentDesign[];
  edges: EdgeDesign[];
  datasets: Dataset[];
  demo: DemoStrategy;
}

export interface WizardState {
  step: StepId;
  design: WizardDesign;
}

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

// ── guards ──────────────────────────────────────────────────────────────────────────────────

const short = boundedString(LIMITS.short);
const long = boundedString(LIMITS.long);
const json = boundedString(LIMITS.json);
const id = boundedString(64);
function list<T>(guard: Guard<T>): Guard<T[]> {
  const all = arrayOf(guard);
  return (v: unknown): v is T[] => all(v) && v.length <= LIMITS.list;
}
const lines = list(long);

export const isClarification = shape<Clarification>({ id, question: long, answer: long, suggestion: long });
export const isKpi = shape<Kpi>({ id, name: short, target: short });
export const isGuardrails = shape<Guardrails>({ constraints: lines, forbiddenData: lines, approvals: lines });
export const isToolDesign = shape<ToolDesign>({ id, name: short, description: long, mockResponse: json });
export const isAgentDesign = shape<AgentDesign>({
  id,
  name: short,
  role: long,
  instructions: long,
  tools: list(isToolDesign),
});
export const isEdgeDesign = shape<EdgeDesign>({ from: id, to: id });
export const isDataset = shape<Dataset>({ id, name: short, records: json });
export const isDemoStrategy = shape<DemoStrategy>({ prompts: lines, showcase: lines, talkingPoints: lines });

export const isWizardDesign = shape<WizardDesign>({
  objective: long,
  industry: oneOf(INDUSTRIES),
  systems: list(short),
  clarifications: list(isClarification),
  kpis: list(isKpi),
  guardrails: isGuardrails,
  pattern: oneOf(PATTERNS),
  agents: list(isAgentDesign),
  edges: arrayOf(isEdgeDesign),
  datasets: list(isDataset),
  demo: isDemoStrategy,
});

export const isWizardState = shape<WizardState>({ step: oneOf(STEPS), design: isWizardDesign });

// ── assistant suggestions ───────────────────────────────────────────────────────────────────

export type Suggestion =
  | { step: 'clarify'; clarifications: Clarification[] }
  | { step: 'outcomes'; kpis: Kpi[] }
  | { step: 'guardrails'; guardrails: Guardrails }
  | { step: 'team'; pattern: Pattern; agents: AgentDesign[]; edges: EdgeDesign[] }
  | { step: 'mockData'; datasets: Dataset[]; toolResponses: { toolName: string; mockResponse: string }[] }
  | { step: 'demo'; demo: DemoStrategy };

const isToolResponse = shape<{ toolName: string; mockResponse: string }>({ toolName: short, mockResponse: json });

export function isSuggestion(v: unknown): v is Suggestion {
  if (!isRecord(v)) return false;
  switch (v.step) {
    case 'clarify':
      return list(isClarification)(v.clarifications);
    case 'outcomes':
      return list(isKpi)(v.kpis);
    case 'guardrails':
      return isGuardrails(v.guardrails);
    case 'team':
      return oneOf(PATTERNS)(v.pattern) && list(isAgentDesign)(v.agents) && arrayOf(isEdgeDesign)(v.edges);
    case 'mockData':
      return list(isDataset)(v.datasets) && arrayOf(isToolResponse)(v.toolResponses);
    case 'demo':
      return isDemoStrategy(v.demo);
    default:
      return false;
  }
}

export type AssistantKind = 'offline' | 'bedrock';
export interface AssistantInfo {
  kind: AssistantKind;
  /** The Bedrock model id when kind is bedrock. */
  modelId?: string;
}
const isAssistantInfo = shape<AssistantInfo>({
  kind: oneOf(['offline', 'bedrock'] as const),
  modelId: optional(short),
});

export interface SuggestParams {
  /** Chosen by the webview so it can match streamed tokens to its request. */
  requestId: string;
  step: SuggestStep;
  design: WizardDesign;
}
export interface SuggestResult {
  requestId: string;
  suggestion: Suggestion;
  /** Which assistant produced it: offline also when Bedrock failed and it fell back. */
  source: AssistantKind;
  /** Shown to the user, e.g. why it fell back to the offline assistant and what to do. */
  notice?: string;
}

export interface PreviewFile {
  /** Relative to the project folder. */
  path: string;
  content: string;
  /** A file already exists at this path. */
  exists: boolean;
  /** That file differs from the generated one: generating replaces it, only with consent. */
  changes: boolean;
}
/** What generating into a folder would write there. */
export interface ProjectPreview {
  /** Absolute path of the project folder: by default a new folder named after the workflow. */
  folder: string;
  files: PreviewFile[];
}
export interface GenerateResult {
  /** False when nothing was written (existing files would change without consent, or an error). */
  written: boolean;
  folder: string;
  paths: string[];
  message: string;
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const folderPath = boundedString(4_096);
const relPath = boundedString(500);
const isPreviewFile = shape<PreviewFile>({
  path: relPath,
  content: boundedString(2_000_000),
  exists: isBool,
  changes: isBool,
});

// ── messages ────────────────────────────────────────────────────────────────────────────────

/** host → webview after `ready`: what it remembers (workspaceState) and which assistant is active. */
export const StateNotification = notification(
  'ideationWizard/state',
  shape<{ state: WizardState | null; assistant: AssistantInfo }>({
    state: (v): v is WizardState | null => v === null || isWizardState(v),
    assistant: isAssistantInfo,
  }),
);
/** host → webview: "Agentify: Reset Wizard" was run. */
export const ResetNotification = notification('ideationWizard/reset', isNothing);
/** host → webview: one streamed piece of the assistant's answer. */
export const AssistantTokenNotification = notification(
  'ideationWizard/assistantToken',
  shape<{ requestId: string; text: string }>({ requestId: id, text: boundedString(100_000) }),
);

/** webview → host: the state changed; the host keeps it in workspaceState. */
export const SaveStateCommand = command('ideationWizard/saveState', isWizardState);
/** webview → host: ask the assistant; tokens stream as AssistantTokenNotification meanwhile. */
export const SuggestRequest = request(
  'ideationWizard/suggest',
  shape<SuggestParams>({ requestId: id, step: oneOf(SUGGEST_STEPS), design: isWizardDesign }),
  shape<SuggestResult>({
    requestId: id,
    suggestion: isSuggestion,
    source: oneOf(['offline', 'bedrock'] as const),
    notice: optional(long),
  }),
);
/** webview → host: the folder and the files generation would write (folder omitted = the default). */
export const PreviewRequest = request(
  'ideationWizard/preview',
  shape<{ design: WizardDesign; folder?: string }>({ design: isWizardDesign, folder: optional(folderPath) }),
  shape<ProjectPreview>({ folder: folderPath, files: arrayOf(isPreviewFile) }),
);
/**
 * webview → host: write the project, all or nothing. `overwrite` lists the existing files the user
 * agreed to replace in the preview; any other file that would change means nothing is written.
 */
export const GenerateRequest = request(
  'ideationWizard/generate',
  shape<{ design: WizardDesign; folder?: string; overwrite: string[] }>({
    design: isWizardDesign,
    folder: optional(folderPath),
    overwrite: arrayOf(relPath),
  }),
  shape<GenerateResult>({ written: isBool, folder: folderPath, paths: arrayOf(relPath), message: long }),
);
/** webview → host: let the user pick the folder to generate into; null when they cancelled. */
export const ChooseFolderRequest = request(
  'ideationWizard/chooseFolder',
  shape<{ current?: string }>({ current: optional(folderPath) }),
  shape<{ folder: string | null }>({ folder: (v): v is string | null => v === null || folderPath(v) }),
);
