/**
 * The Demo Viewer's host ⇄ webview protocol: the state the panel shows (a run, its events, the
 * workspace's run history) and every message both ways. Both sides import this file; message
 * names appear nowhere else. Each shape is declared once, as a valibot schema its type is inferred
 * from; schemas bound every string: what the webview sends is untrusted, and the webview checks
 * the host's messages with the same schemas before it renders anything.
 */
import * as v from 'valibot';
import type { AgentifyEvent } from '../events/types';
import { hasEventShape } from '../events/validate';
import { Schema, boundedString, command, finiteNumber, noParams, notification } from './ipc';

/** Limits on what the webview may send: generous for real use, small enough to be harmless. */
export const LIMITS = { prompt: 10_000, id: 200, copy: 2_000_000, message: 20_000 } as const;

export const RunStatus = v.picklist(['idle', 'running', 'completed', 'failed', 'stopped', 'timedOut']);
export type RunStatus = v.InferOutput<typeof RunStatus>;

const id = boundedString(LIMITS.id);
const runId = v.pipe(id, v.minLength(1));
const text = boundedString(LIMITS.message);
const prompt = boundedString(LIMITS.prompt);

/** An event inside a message: the host validated it against the schema where it entered. */
const Event = v.custom<AgentifyEvent>(hasEventShape);

/** One past run of the workspace, as the history list shows it. */
export const RunSummary = v.object({
  workflowId: id,
  prompt,
  /** Epoch ms. */
  startedAt: finiteNumber,
  endedAt: v.optional(finiteNumber),
  status: RunStatus,
  eventCount: finiteNumber,
  /** Run time by the one definition (src/domain/runDuration.ts); absent for runs recorded before it. */
  durationMs: v.optional(finiteNumber),
});
export type RunSummary = v.InferOutput<typeof RunSummary>;

/** The run the viewer shows: the live one, or one reopened from the history. */
export const ViewedRun = v.object({
  workflowId: id,
  prompt,
  startedAt: finiteNumber,
  endedAt: v.optional(finiteNumber),
  status: RunStatus,
  source: v.picklist(['live', 'history']),
  /** The table no longer holds this run's events (they expire 24 h after they were written). */
  expired: v.optional(v.boolean()),
});
export type ViewedRun = v.InferOutput<typeof ViewedRun>;

export const ViewerError = v.object({ code: boundedString(100), message: text, hint: v.optional(text) });
export type ViewerError = v.InferOutput<typeof ViewerError>;

export const DemoViewerState = v.object({
  run: v.nullable(ViewedRun),
  events: v.array(Event),
  history: v.array(RunSummary),
});
export type DemoViewerState = v.InferOutput<typeof DemoViewerState>;

/** One event new to the shown live run; the host sends each event of a run once. */
export const LiveEvent = v.object({ event: Event });
export type LiveEvent = v.InferOutput<typeof LiveEvent>;

/** Save as JSON, save as OTLP/JSON, or send to an OTLP endpoint (`otlp-send`, HTTP/protobuf). */
export const ExportFormat = v.picklist(['json', 'otel', 'otlp-send']);
export type ExportFormat = v.InferOutput<typeof ExportFormat>;

// ── webview → host ──────────────────────────────────────────────────────────────────────────

export const RunCommand = command(
  'demoViewer/run',
  v.object({
    prompt: v.pipe(
      prompt,
      v.check((p) => p.trim().length > 0),
    ),
  }),
);
export const StopCommand = command('demoViewer/stop', noParams);
/** Show a past run (its events are read from the table again). */
export const OpenRunCommand = command('demoViewer/openRun', v.object({ workflowId: runId }));
/** Back to the live stream of the current (or next) run. */
export const ShowLiveCommand = command('demoViewer/showLive', noParams);
export const ExportCommand = command('demoViewer/export', v.object({ format: ExportFormat }));
export const CopyCommand = command('demoViewer/copy', v.object({ text: boundedString(LIMITS.copy) }));
export const ListHistoryCommand = command('demoViewer/listHistory', noParams);

// ── host → webview ──────────────────────────────────────────────────────────────────────────

/** The full picture: sent on `ready`, and when another run is opened. */
export const StateNotification = notification('demoViewer/state', DemoViewerState);
/** One new event of the shown live run (it may belong before ones already shown: order by timestamp). */
export const EventNotification = notification('demoViewer/event', LiveEvent);
/** A new live run began: drop what is shown. */
export const ResetNotification = notification('demoViewer/reset', v.object({ run: ViewedRun }));
export const RunStatusNotification = notification(
  'demoViewer/runStatus',
  v.object({ workflowId: id, status: RunStatus, endedAt: v.optional(finiteNumber) }),
);
export const ErrorNotification = notification('demoViewer/error', ViewerError);
export const HistoryNotification = notification('demoViewer/history', v.object({ runs: v.array(RunSummary) }));

// ── the webview's persisted UI state (setState) ─────────────────────────────────────────────

export const ViewerUiState = v.object({
  prompt,
  /** The run that was shown, reopened after a reload (data is fetched again). */
  workflowId: v.optional(id),
  filters: v.object({ eventType: boundedString(100), agent: id, text: boundedString(1000) }),
  collapsed: v.array(boundedString(100)),
});
export type ViewerUiState = v.InferOutput<typeof ViewerUiState>;

// ── session journal (a deployed or offline agent session: its pipeline stages) ──────────────

/** One pipeline stage as the status strip shows it; times are ISO-8601 from the journal. */
export const SessionStage = v.object({
  id: boundedString(40),
  label: boundedString(100),
  state: v.picklist(['pending', 'running', 'succeeded', 'failed']),
  startedAt: v.optional(boundedString(40)),
  endedAt: v.optional(boundedString(40)),
  durationMs: v.optional(finiteNumber),
  error: v.optional(text),
});
export type SessionStage = v.InferOutput<typeof SessionStage>;

export const SessionView = v.object({
  sessionId: id,
  /** Where it runs: AWS (a deployed state machine) or offline in the extension host. */
  mode: v.picklist(['aws', 'offline']),
  outcome: v.picklist(['running', 'succeeded', 'failed']),
  stages: v.array(SessionStage),
  /** Why the session failed, when it did (the failing entry's message or the execution's cause). */
  error: v.optional(text),
  /** Entries read from the journal so far. */
  entryCount: finiteNumber,
});
export type SessionView = v.InferOutput<typeof SessionView>;

/** Start a session of the configured pipeline with this prompt (the Demo Viewer's session button). */
export const StartSessionCommand = command('demoViewer/startSession', v.object({ prompt }));
/** The shown session's stages changed (sent on each new journal entry and at the end). */
export const SessionNotification = notification('demoViewer/session', SessionView);

// ── agent registrations (the agent registry, beside the Agents card) ────────────────────────

/** Whether one agent of the shown run is registered, with its capabilities and endpoint. */
const AgentRegistrationView = v.object({
  agent: id,
  registered: v.boolean(),
  id: v.optional(id),
  capabilities: v.array(boundedString(64)),
  endpoint: v.optional(boundedString(2048)),
  stale: v.optional(v.boolean()),
});

export const AgentRegistrations = v.object({
  mode: v.picklist(['unknown', 'table', 'memory']),
  tableName: boundedString(255),
  agents: v.array(AgentRegistrationView),
  error: v.optional(text),
});
export type AgentRegistrations = v.InferOutput<typeof AgentRegistrations>;

/** The webview's agents changed (or the run ended): look up their registrations. */
export const WatchAgentsCommand = command(
  'demoViewer/watchAgents',
  v.object({ agents: v.pipe(v.array(id), v.maxLength(200)) }),
);
export const AgentRegistrationsNotification = notification('demoViewer/agentRegistrations', AgentRegistrations);

// ── team history and recent failures (the hardened table's sparse indexes) ─────────────────

/** A run listed from the table's runs index: a team's runs, from other machines too. */
export const TeamRun = v.object({
  workflowId: id,
  prompt,
  workflowName: v.optional(id),
  /** Epoch ms. */
  startedAt: finiteNumber,
  endedAt: v.optional(finiteNumber),
  status: RunStatus,
});
export type TeamRun = v.InferOutput<typeof TeamRun>;

/** A failed run or failed tool call listed from the table's failures index. */
export const TeamFailure = v.object({
  workflowId: id,
  /** Epoch ms (may carry a fraction). */
  timestamp: finiteNumber,
  kind: v.picklist(['workflow_error', 'tool_call']),
  agentName: v.optional(id),
  toolName: v.optional(id),
  errorType: v.optional(id),
  message: text,
});
export type TeamFailure = v.InferOutput<typeof TeamFailure>;

/** One page of a list; `append` adds it below what is shown (Load more), else it replaces it. */
const teamListPage = <T>(item: Schema<T>) =>
  v.object({
    /** 'table': read from the index; 'local': the index is absent, the workspace's own list is shown. */
    source: v.picklist(['table', 'local']),
    owner: id,
    items: v.array(item),
    hasMore: v.boolean(),
    append: v.boolean(),
    /** One line for the user, e.g. why the local list is shown. */
    note: v.optional(text),
  });
export type TeamListPage<T> = v.InferOutput<ReturnType<typeof teamListPage<T>>>;

/** List the team's runs from the runs index: the first page, or the next one (`more`). */
export const ListTeamRunsCommand = command('demoViewer/listTeamRuns', v.object({ more: v.boolean() }));
/** List the team's recent failures from the failures index: the first page, or the next one. */
export const ListFailuresCommand = command('demoViewer/listFailures', v.object({ more: v.boolean() }));
export const TeamRunsNotification = notification('demoViewer/teamRuns', teamListPage(TeamRun));
export const FailuresNotification = notification('demoViewer/failures', teamListPage(TeamFailure));

// ── run comparison and prices ───────────────────────────────────────────────────────────────

/** One side of a comparison: a run and its events. */
export const ComparedRun = v.object({ run: ViewedRun, events: v.array(Event) });
export type ComparedRun = v.InferOutput<typeof ComparedRun>;

/** Compare two runs side by side (`left` is the earlier one by convention, the baseline). */
export const CompareRunsCommand = command('demoViewer/compareRuns', v.object({ left: runId, right: runId }));
/** The two runs asked for, with their events. */
export const CompareNotification = notification(
  'demoViewer/compare',
  v.object({ left: ComparedRun, right: ComparedRun }),
);

/** The user's model prices (setting `agentify.pricing.models`), laid over the built-in table. */
export const PriceEntry = v.object({ input: finiteNumber, output: finiteNumber });
export type PriceEntry = v.InferOutput<typeof PriceEntry>;
export const PricesNotification = notification(
  'demoViewer/prices',
  v.object({ prices: v.pipe(v.record(id, PriceEntry), v.maxEntries(1000)) }),
);
