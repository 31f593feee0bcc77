/**
 * The Demo Viewer's host ⇄ webview protocol: the state the panel shows (a run, its events, the
 * workspace's run history) and every message both ways. Both sides import this file; message
 * names appear nowhere else. Guards bound every string: what the webview sends is untrusted, and
 * the webview checks the host's messages with the same guards before it renders anything.
 */
import type { AgentifyEvent } from '../events/types';
import { hasEventShape } from '../events/validate';
import {
  arrayOf,
  boundedString,
  command,
  isBoolean,
  isFiniteNumber,
  isNothing,
  isRecord,
  notification,
  oneOf,
  optional,
  shape,
} from './ipc';

/** Limits on what the webview may send: generous for real use, small enough to be harmless. */
export const LIMITS = { prompt: 10_000, id: 200, copy: 2_000_000, message: 20_000 } as const;

export const RUN_STATUSES = ['idle', 'running', 'completed', 'failed', 'stopped', 'timedOut'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One past run of the workspace, as the history list shows it. */
export interface RunSummary {
  workflowId: string;
  prompt: string;
  /** Epoch ms. */
  startedAt: number;
  endedAt?: number;
  status: RunStatus;
  eventCount: number;
  /** Run time by the one definition (src/domain/runDuration.ts); absent for runs recorded before it. */
  durationMs?: number;
}

/** The run the viewer shows: the live one, or one reopened from the history. */
export interface ViewedRun {
  workflowId: string;
  prompt: string;
  startedAt: number;
  endedAt?: number;
  status: RunStatus;
  source: 'live' | 'history';
  /** The table no longer holds this run's events (they expire 24 h after they were written). */
  expired?: boolean;
}

export interface ViewerError {
  code: string;
  message: string;
  hint?: string;
}

export interface DemoViewerState {
  run: ViewedRun | null;
  events: AgentifyEvent[];
  history: RunSummary[];
}

/** Save as JSON, save as OTLP/JSON, or send to an OTLP endpoint (`otlp-send`, HTTP/protobuf). */
export const EXPORT_FORMATS = ['json', 'otel', 'otlp-send'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

// ── guards ──────────────────────────────────────────────────────────────────────────────────

const id = boundedString(LIMITS.id);
const text = boundedString(LIMITS.message);
const isStatus = oneOf(RUN_STATUSES);

export const isRunSummary = shape<RunSummary>({
  workflowId: id,
  prompt: boundedString(LIMITS.prompt),
  startedAt: isFiniteNumber,
  endedAt: optional(isFiniteNumber),
  status: isStatus,
  eventCount: isFiniteNumber,
  durationMs: optional(isFiniteNumber),
});

export const isViewedRun = shape<ViewedRun>({
  workflowId: id,
  prompt: boundedString(LIMITS.prompt),
  startedAt: isFiniteNumber,
  endedAt: optional(isFiniteNumber),
  status: isStatus,
  source: oneOf(['live', 'history'] as const),
  expired: optional(isBoolean),
});

export const isViewerError = shape<ViewerError>({ code: boundedString(100), message: text, hint: optional(text) });

export const isDemoViewerState = shape<DemoViewerState>({
  run: (v: unknown): v is ViewedRun | null => v === null || isViewedRun(v),
  events: arrayOf(hasEventShape),
  history: arrayOf(isRunSummary),
});

/** One event new to the shown live run; the host sends each event of a run once. */
export interface LiveEvent {
  event: AgentifyEvent;
}

export const isLiveEvent = shape<LiveEvent>({ event: hasEventShape });

// ── webview → host ──────────────────────────────────────────────────────────────────────────

export const RunCommand = command(
  'demoViewer/run',
  shape<{ prompt: string }>({
    prompt: (v: unknown): v is string => boundedString(LIMITS.prompt)(v) && v.trim().length > 0,
  }),
);
export const StopCommand = command('demoViewer/stop', isNothing);
/** Show a past run (its events are read from the table again). */
export const OpenRunCommand = command(
  'demoViewer/openRun',
  shape<{ workflowId: string }>({ workflowId: (v: unknown): v is string => id(v) && v.length > 0 }),
);
/** Back to the live stream of the current (or next) run. */
export const ShowLiveCommand = command('demoViewer/showLive', isNothing);
export const ExportCommand = command(
  'demoViewer/export',
  shape<{ format: ExportFormat }>({ format: oneOf(EXPORT_FORMATS) }),
);
export const CopyCommand = command('demoViewer/copy', shape<{ text: string }>({ text: boundedString(LIMITS.copy) }));
export const ListHistoryCommand = command('demoViewer/listHistory', isNothing);

// ── host → webview ──────────────────────────────────────────────────────────────────────────

/** The full picture: sent on `ready`, and when another run is opened. */
export const StateNotification = notification('demoViewer/state', isDemoViewerState);
/** One new event of the shown live run (it may belong before ones already shown: order by timestamp). */
export const EventNotification = notification('demoViewer/event', isLiveEvent);
/** A new live run began: drop what is shown. */
export const ResetNotification = notification('demoViewer/reset', shape<{ run: ViewedRun }>({ run: isViewedRun }));
export const RunStatusNotification = notification(
  'demoViewer/runStatus',
  shape<{ workflowId: string; status: RunStatus; endedAt?: number }>({
    workflowId: id,
    status: isStatus,
    endedAt: optional(isFiniteNumber),
  }),
);
export const ErrorNotification = notification('demoViewer/error', isViewerError);
export const HistoryNotification = notification(
  'demoViewer/history',
  shape<{ runs: RunSummary[] }>({ runs: arrayOf(isRunSummary) }),
);

// ── the webview's persisted UI state (setState) ─────────────────────────────────────────────

export interface ViewerUiState {
  prompt: string;
  /** The run that was shown, reopened after a reload (data is fetched again). */
  workflowId?: string;
  filters: { eventType: string; agent: string; text: string };
  collapsed: string[];
}

export const isViewerUiState = (v: unknown): v is ViewerUiState =>
  isRecord(v) &&
  boundedString(LIMITS.prompt)(v.prompt) &&
  optional(id)(v.workflowId) &&
  shape<ViewerUiState['filters']>({
    eventType: boundedString(100),
    agent: boundedString(LIMITS.id),
    text: boundedString(1000),
  })(v.filters) &&
  arrayOf(boundedString(100))(v.collapsed);

// ── session journal (a deployed or offline agent session: its pipeline stages) ──────────────

export const STAGE_STATES = ['pending', 'running', 'succeeded', 'failed'] as const;
export type StageState = (typeof STAGE_STATES)[number];
export const SESSION_OUTCOMES = ['running', 'succeeded', 'failed'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

/** One pipeline stage as the status strip shows it; times are ISO-8601 from the journal. */
export interface SessionStage {
  id: string;
  label: string;
  state: StageState;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  error?: string;
}

export interface SessionView {
  sessionId: string;
  /** Where it runs: AWS (a deployed state machine) or offline in the extension host. */
  mode: 'aws' | 'offline';
  outcome: SessionOutcome;
  stages: SessionStage[];
  /** Why the session failed, when it did (the failing entry's message or the execution's cause). */
  error?: string;
  /** Entries read from the journal so far. */
  entryCount: number;
}

export const isSessionStage = shape<SessionStage>({
  id: boundedString(40),
  label: boundedString(100),
  state: oneOf(STAGE_STATES),
  startedAt: optional(boundedString(40)),
  endedAt: optional(boundedString(40)),
  durationMs: optional(isFiniteNumber),
  error: optional(text),
});

export const isSessionView = shape<SessionView>({
  sessionId: id,
  mode: oneOf(['aws', 'offline'] as const),
  outcome: oneOf(SESSION_OUTCOMES),
  stages: arrayOf(isSessionStage),
  error: optional(text),
  entryCount: isFiniteNumber,
});

/** Start a session of the configured pipeline with this prompt (the Demo Viewer's session button). */
export const StartSessionCommand = command(
  'demoViewer/startSession',
  shape<{ prompt: string }>({ prompt: boundedString(LIMITS.prompt) }),
);
/** The shown session's stages changed (sent on each new journal entry and at the end). */
export const SessionNotification = notification('demoViewer/session', isSessionView);
// ── agent registrations (the agent registry, beside the Agents card) ────────────────────────

/** Whether one agent of the shown run is registered, with its capabilities and endpoint. */
export interface AgentRegistrationView {
  agent: string;
  registered: boolean;
  id?: string;
  capabilities: string[];
  endpoint?: string;
  stale?: boolean;
}

export interface AgentRegistrations {
  mode: 'unknown' | 'table' | 'memory';
  tableName: string;
  agents: AgentRegistrationView[];
  error?: string;
}

const isAgentRegistrationView = shape<AgentRegistrationView>({
  agent: id,
  registered: isBoolean,
  id: optional(id),
  capabilities: arrayOf(boundedString(64)),
  endpoint: optional(boundedString(2048)),
  stale: optional(isBoolean),
});

/** The webview's agents changed (or the run ended): look up their registrations. */
export const WatchAgentsCommand = command(
  'demoViewer/watchAgents',
  shape<{ agents: string[] }>({ agents: (v: unknown): v is string[] => arrayOf(id)(v) && v.length <= 200 }),
);
export const AgentRegistrationsNotification = notification(
  'demoViewer/agentRegistrations',
  shape<AgentRegistrations>({
    mode: oneOf(['unknown', 'table', 'memory'] as const),
    tableName: boundedString(255),
    agents: arrayOf(isAgentRegistrationView),
    error: optional(text),
  }),
);

// ── team history and recent failures (the hardened table's sparse indexes) ─────────────────

/** A run listed from the table's runs index: a team's runs, from other machines too. */
export interface TeamRun {
  workflowId: string;
  prompt: string;
  workflowName?: string;
  /** Epoch ms. */
  startedAt: number;
  endedAt?: number;
  status: RunStatus;
}

/** A failed run or failed tool call listed from the table's failures index. */
export interface TeamFailure {
  workflowId: string;
  /** Epoch ms (may carry a fraction). */
  timestamp: number;
  kind: 'workflow_error' | 'tool_call';
  agentName?: string;
  toolName?: string;
  errorType?: string;
  message: string;
}

/** One page of a list; `append` adds it below what is shown (Load more), else it replaces it. */
export interface TeamListPage<T> {
  /** 'table': read from the index; 'local': the index is absent, the workspace's own list is shown. */
  source: 'table' | 'local';
  owner: string;
  items: T[];
  hasMore: boolean;
  append: boolean;
  /** One line for the user, e.g. why the local list is shown. */
  note?: string;
}

const isTeamRun = shape<TeamRun>({
  workflowId: id,
  prompt: boundedString(LIMITS.prompt),
  workflowName: optional(boundedString(LIMITS.id)),
  startedAt: isFiniteNumber,
  endedAt: optional(isFiniteNumber),
  status: isStatus,
});

const isTeamFailure = shape<TeamFailure>({
  workflowId: id,
  timestamp: isFiniteNumber,
  kind: oneOf(['workflow_error', 'tool_call'] as const),
  agentName: optional(boundedString(LIMITS.id)),
  toolName: optional(boundedString(LIMITS.id)),
  errorType: optional(boundedString(LIMITS.id)),
  message: text,
});

function isTeamListPage<T>(item: (v: unknown) => v is T) {
  return shape<TeamListPage<T>>({
    source: oneOf(['table', 'local'] as const),
    owner: id,
    items: arrayOf(item),
    hasMore: isBoolean,
    append: isBoolean,
    note: optional(text),
  });
}

/** List the team's runs from the runs index: the first page, or the next one (`more`). */
export const ListTeamRunsCommand = command('demoViewer/listTeamRuns', shape<{ more: boolean }>({ more: isBoolean }));
/** List the team's recent failures from the failures index: the first page, or the next one. */
export const ListFailuresCommand = command('demoViewer/listFailures', shape<{ more: boolean }>({ more: isBoolean }));
export const TeamRunsNotification = notification('demoViewer/teamRuns', isTeamListPage(isTeamRun));
export const FailuresNotification = notification('demoViewer/failures', isTeamListPage(isTeamFailure));

// ── run comparison and prices ───────────────────────────────────────────────────────────────

/** One side of a comparison: a run and its events. */
export interface ComparedRun {
  run: ViewedRun;
  events: AgentifyEvent[];
}

const isComparedRun = shape<ComparedRun>({ run: isViewedRun, events: arrayOf(hasEventShape) });
const runId = (v: unknown): v is string => id(v) && v.length > 0;

/** Compare two runs side by side (`left` is the earlier one by convention, the baseline). */
export const CompareRunsCommand = command(
  'demoViewer/compareRuns',
  shape<{ left: string; right: string }>({ left: runId, right: runId }),
);
/** The two runs asked for, with their events. */
export const CompareNotification = notification(
  'demoViewer/compare',
  shape<{ left: ComparedRun; right: ComparedRun }>({ left: isComparedRun, right: isComparedRun }),
);

/** The user's model prices (setting `agentify.pricing.models`), laid over the built-in table. */
export interface PriceEntry {
  input: number;
  output: number;
}
const isPrice = shape<PriceEntry>({ input: isFiniteNumber, output: isFiniteNumber });
export const PricesNotification = notification(
  'demoViewer/prices',
  shape<{ prices: Record<string, PriceEntry> }>({
    prices: (v: unknown): v is Record<string, PriceEntry> =>
      isRecord(v) &&
      Object.keys(v).length <= 1000 &&
      Object.entries(v).every(([k, p]) => k.length <= LIMITS.id && isPrice(p)),
  }),
);
