/**
 * The Agent Registry panel's host ⇄ webview protocol: what the panel shows (the registry's mode,
 * its agents, the capability filter) and every message both ways. Both sides import this file;
 * message names appear nowhere else. Each shape is declared once, as a valibot schema its type is
 * inferred from, and the schemas bound every string.
 */
import * as v from 'valibot';
import { boundedString, command, finiteNumber, notification } from './ipc';

export const REGISTRY_LIMITS = { capability: 64, cursor: 2000, text: 4000, message: 20_000 } as const;

const capability = boundedString(REGISTRY_LIMITS.capability);
const cursor = boundedString(REGISTRY_LIMITS.cursor);
const message = boundedString(REGISTRY_LIMITS.message);

/** One agent as the panel lists it. */
export const RegistryAgentView = v.object({
  id: boundedString(128),
  name: boundedString(128),
  endpoint: boundedString(2048),
  capabilities: v.array(capability),
  description: v.optional(boundedString(REGISTRY_LIMITS.text)),
  version: v.optional(boundedString(64)),
  registeredAt: finiteNumber,
  lastSeenAt: finiteNumber,
  stale: v.boolean(),
});
export type RegistryAgentView = v.InferOutput<typeof RegistryAgentView>;

export const RegistryViewState = v.object({
  /** Where agents live: the table, or memory only (then `reason` says why and what to do). */
  mode: v.picklist(['unknown', 'table', 'memory']),
  tableName: boundedString(255),
  reason: v.optional(message),
  /** The filter the list was made with ('' = all agents). */
  capability,
  agents: v.array(RegistryAgentView),
  /** More agents follow (all-agents listing only): send ListAgentsCommand with it. */
  cursor: v.optional(cursor),
  /** The page was appended to the agents already shown. */
  appended: v.optional(v.boolean()),
  error: v.optional(v.object({ code: boundedString(100), message })),
});
export type RegistryViewState = v.InferOutput<typeof RegistryViewState>;

/** The webview's persisted UI state (setState). */
export const RegistryUiState = v.object({ capability });

// ── webview → host ──────────────────────────────────────────────────────────────────────────

/** List agents: with a capability, those that have it; without, all of them a page at a time. */
export const ListAgentsCommand = command('registry/list', v.object({ capability, cursor: v.optional(cursor) }));

// ── host → webview ──────────────────────────────────────────────────────────────────────────

export const RegistryStateNotification = notification('registry/state', RegistryViewState);
