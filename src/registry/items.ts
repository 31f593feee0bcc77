/**
 * The registry table's item layout (infrastructure/agent-registry.yaml documents it too): one
 * profile item per agent and one item per capability, all keyed by `agentId`, all carrying the
 * profile so that one Query on CapabilityIndex returns whole profiles. The profile items share
 * the index partition LIST_PARTITION, which is how the registry is listed without a Scan.
 */
import type { AgentProfile } from './types';

export const CAPABILITY_INDEX = 'CapabilityIndex';
/** Index partition of the profile items; capability names cannot start with '#'. */
export const LIST_PARTITION = '#agent';

export const profileKey = (id: string) => ({ agentId: id });
export const capabilityKey = (id: string, capability: string) => ({ agentId: `${id}#cap#${capability}` });

export interface StoredItem extends AgentProfile {
  agentId: string;
  capability: string;
  revision: number;
  /** On the profile item only. */
  owner?: string;
}

export function profileItem(profile: AgentProfile, owner: string, revision: number): StoredItem {
  return { ...profile, ...profileKey(profile.id), capability: LIST_PARTITION, owner, revision };
}

export function capabilityItem(profile: AgentProfile, capability: string, revision: number): StoredItem {
  return { ...profile, ...capabilityKey(profile.id, capability), capability, revision };
}

/** The profile part of any item (the layout attributes and the owner stay inside the store). */
export function toProfile(item: object): AgentProfile {
  const { agentId: _a, capability: _c, revision: _r, owner: _o, ...rest } = item as unknown as StoredItem;
  return rest;
}
