/**
 * The Agent Registry panel's host ⇄ webview protocol: what the panel shows (the registry's mode,
 * its agents, the capability filter) and every message both ways. Both sides import this file;
 * message names appear nowhere else, and guards bound every string.
 */
import {
  arrayOf,
  boundedString,
  command,
  isBoolean,
  isFiniteNumber,
  isRecord,
  notification,
  oneOf,
  optional,
  shape,
} from './ipc';

export const REGISTRY_LIMITS = { capability: 64, cursor: 2000, text: 4000, message: 20_000 } as const;

/** One agent as the panel lists it. */
export interface RegistryAgentView {
  id: string;
  name: string;
  endpoint: string;
  capabilities: string[];
  description?: string;
  version?: string;
  registeredAt: number;
  lastSeenAt: number;
  stale: boolean;
}

export interface RegistryViewState {
  /** Where agents live: the table, or memory only (then `reason` says why and what to do). */
  mode: 'unknown' | 'table' | 'memory';
  tableName: string;
  reason?: string;
  /** The filter the list was made with ('' = all agents). */
  capability: string;
  agents: RegistryAgentView[];
  /** More agents follow (all-agents listing only): send ListAgentsCommand with it. */
  cursor?: string;
  /** The page was appended to the agents already shown. */
  appended?: boolean;
  error?: { code: string; message: string };
}

export interface RegistryUiState {
  capability: string;
}

const text = boundedString(REGISTRY_LIMITS.text);

export const isRegistryAgentView = shape<RegistryAgentView>({
  id: boundedString(128),
  name: boundedString(128),
  endpoint: boundedString(2048),
  capabilities: arrayOf(boundedString(REGISTRY_LIMITS.capability)),
  description: optional(text),
  version: optional(boundedString(64)),
  registeredAt: isFiniteNumber,
  lastSeenAt: isFiniteNumber,
  stale: isBoolean,
});

export const isRegistryViewState = shape<RegistryViewState>({
  mode: oneOf(['unknown', 'table', 'memory'] as const),
  tableName: boundedString(255),
  reason: optional(boundedString(REGISTRY_LIMITS.message)),
  capability: boundedString(REGISTRY_LIMITS.capability),
  agents: arrayOf(isRegistryAgentView),
  cursor: optional(boundedString(REGISTRY_LIMITS.cursor)),
  appended: optional(isBoolean),
  error: optional(
    shape<{ code: string; message: string }>({
      code: boundedString(100),
      message: boundedString(REGISTRY_LIMITS.message),
    }),
  ),
});

export const isRegistryUiState = (v: unknown): v is RegistryUiState =>
  isRecord(v) && boundedString(REGISTRY_LIMITS.capability)(v.capability);

// ── webview → host ──────────────────────────────────────────────────────────────────────────

/** List agents: with a capability, those that have it; without, all of them a page at a time. */
export const ListAgentsCommand = command(
  'registry/list',
  shape<{ capability: string; cursor?: string }>({
    capability: boundedString(REGISTRY_LIMITS.capability),
    cursor: optional(boundedString(REGISTRY_LIMITS.cursor)),
  }),
);

// ── host → webview ──────────────────────────────────────────────────────────────────────────

export const RegistryStateNotification = notification('registry/state', isRegistryViewState);
