/**
 * A registered agent served as an A2A AgentCard: name, description, url (the endpoint), version,
 * skills. Capabilities are the skills' tags; a capability no skill carries becomes a skill of its
 * own, so the card's tags are exactly the agent's capabilities.
 */
import type { AgentProfile, AgentSkill } from './types';

export const A2A_PROTOCOL_VERSION = '0.3.0';

export interface AgentCard {
  protocolVersion: string;
  name: string;
  description: string;
  url: string;
  version: string;
  capabilities: { streaming: boolean; pushNotifications: boolean };
  defaultInputModes: string[];
  defaultOutputModes: string[];
  skills: { id: string; name: string; description: string; tags: string[] }[];
}

export function toAgentCard(profile: AgentProfile): AgentCard {
  const skills: AgentSkill[] = [...(profile.skills ?? [])];
  const tagged = new Set(skills.flatMap((s) => s.tags));
  for (const capability of profile.capabilities) {
    if (!tagged.has(capability)) skills.push({ id: capability, name: capability, tags: [capability] });
  }
  return {
    protocolVersion: A2A_PROTOCOL_VERSION,
    name: profile.name,
    description: profile.description ?? profile.name,
    url: profile.endpoint,
    version: profile.version ?? '0.0.0',
    capabilities: { streaming: false, pushNotifications: false },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: skills.map((s) => ({ id: s.id, name: s.name, description: s.description ?? s.name, tags: [...s.tags] })),
  };
}
