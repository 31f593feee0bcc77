/**
 * The agent registry's data: a profile as agents send it, as it is stored, and as readers get it
 * back (with `stale` computed at read time), plus the store interface both stores implement and
 * the limits input is checked against. Shaped after the A2A AgentCard: capabilities are the tags
 * of an agent's skills.
 */

/** One A2A skill of an agent; its tags are capabilities the agent can be discovered by. */
export interface AgentSkill {
  id: string;
  name: string;
  description?: string;
  tags: string[];
}

/** A checked profile, ready to store (capabilities normalized, skill tags included). */
export interface AgentProfileInput {
  id: string;
  name: string;
  endpoint: string;
  capabilities: string[];
  description?: string;
  version?: string;
  skills?: AgentSkill[];
}

/** A stored profile. Times are epoch milliseconds. */
export interface AgentProfile extends AgentProfileInput {
  registeredAt: number;
  lastSeenAt: number;
}

/** What readers get: the profile and whether it has not been seen for longer than the stale time. */
export interface AgentRecord extends AgentProfile {
  stale: boolean;
}

export interface ListPage<T> {
  agents: T[];
  /** Opaque; pass it back to get the next page. Absent on the last page. */
  cursor?: string;
}

export interface ListOptions {
  /** Page size, 1..MAX_PAGE_SIZE. */
  limit?: number;
  cursor?: string;
}

export interface PutResult {
  created: boolean;
  profile: AgentProfile;
}

/**
 * Storage of profiles. `owner` is the registrant: only the owner of an id may change, heartbeat
 * or remove it (a store throws RegistryError 'NotOwner' otherwise).
 */
export interface RegistryStore {
  readonly kind: 'dynamodb' | 'memory';
  put(profile: AgentProfileInput, owner: string, now: number): Promise<PutResult>;
  get(id: string): Promise<AgentProfile | undefined>;
  discover(capability: string): Promise<AgentProfile[]>;
  list(options: ListOptions): Promise<ListPage<AgentProfile>>;
  /** Updates lastSeenAt; undefined when there is no such agent. */
  heartbeat(id: string, owner: string, now: number): Promise<AgentProfile | undefined>;
  /** False when there was no such agent. */
  deregister(id: string, owner: string): Promise<boolean>;
  /** Every profile with its owner (memory store only: moving agents into the table). */
  entries?(): Iterable<{ profile: AgentProfile; owner: string }>;
}

export const LIMITS = {
  id: 128,
  name: 128,
  endpoint: 2048,
  description: 1024,
  version: 64,
  capability: 64,
  capabilities: 32,
  skills: 32,
  tagsPerSkill: 16,
  /** Request body of the HTTP handler, bytes. */
  body: 64 * 1024,
} as const;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_STALE_AFTER_MS = 300_000;
export { DEFAULT_REGISTRY_TABLE } from '../config/settings';
