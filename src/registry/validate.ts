/**
 * Checks what a registrant sends before anything is written: required fields, lengths, the
 * endpoint (https, or http on loopback only; no credentials in it), capability names and counts.
 * Capabilities are lower-cased and merged with the skills' tags, so discovery is case-insensitive
 * and an AgentCard's tags are exactly the agent's capabilities.
 */
import { invalid } from './errors';
import { AgentProfileInput, AgentSkill, LIMITS } from './types';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const CAPABILITY_PATTERN = /^[a-z0-9][a-z0-9._:/+-]*$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkId(value: unknown, field = 'id'): string {
  if (value === undefined || value === null || value === '') throw invalid(field, 'is required');
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  if (value.length > LIMITS.id) throw invalid(field, `is longer than ${LIMITS.id} characters`);
  if (!ID_PATTERN.test(value))
    throw invalid(field, "may hold only letters, digits, '.', '_', ':' and '-', starting with a letter or digit");
  return value;
}

export function checkCapability(value: unknown, field = 'capability'): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'must be a non-empty string');
  const cap = value.trim().toLowerCase();
  if (cap.length > LIMITS.capability)
    throw invalid(field, `"${clip(cap)}" is longer than ${LIMITS.capability} characters`);
  if (!CAPABILITY_PATTERN.test(cap))
    throw invalid(
      field,
      `"${clip(cap)}" may hold only letters, digits and . _ : / + -, starting with a letter or digit`,
    );
  return cap;
}

function text(value: unknown, field: string, max: number, required: boolean): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) throw invalid(field, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalid(field, `is longer than ${max} characters`);
  return trimmed;
}

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function checkEndpoint(value: unknown): string {
  const raw = text(value, 'endpoint', LIMITS.endpoint, true)!;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('endpoint', `"${clip(raw)}" is not a URL`);
  }
  if (url.username || url.password) throw invalid('endpoint', 'must not carry a user name or password');
  if (url.protocol === 'https:') return raw;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return raw;
  if (url.protocol === 'http:')
    throw invalid('endpoint', 'must use https:// (http:// is accepted only for 127.0.0.1, ::1 and localhost)');
  throw invalid('endpoint', `must be an https:// URL, not ${url.protocol}`);
}

function capabilityList(value: unknown, field: string, max: number): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(field, 'must be a list of strings');
  if (value.length > max) throw invalid(field, `has ${value.length} entries; at most ${max} are allowed`);
  return value.map((c, i) => checkCapability(c, `${field}[${i}]`));
}

function checkSkills(value: unknown): AgentSkill[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid('skills', 'must be a list of skills');
  if (value.length > LIMITS.skills)
    throw invalid('skills', `has ${value.length} entries; at most ${LIMITS.skills} are allowed`);
  const seen = new Set<string>();
  return value.map((s, i) => {
    const field = `skills[${i}]`;
    if (!isRecord(s)) throw invalid(field, 'must be an object with id, name and tags');
    const id = checkId(s.id, `${field}.id`);
    if (seen.has(id)) throw invalid(`${field}.id`, `"${id}" is used by another skill`);
    seen.add(id);
    const description = text(s.description, `${field}.description`, LIMITS.description, false);
    return {
      id,
      name: text(s.name, `${field}.name`, LIMITS.name, true)!,
      ...(description ? { description } : {}),
      tags: [...new Set(capabilityList(s.tags, `${field}.tags`, LIMITS.tagsPerSkill))],
    };
  });
}

/** The checked profile, or a RegistryError 'InvalidInput' naming the first bad field. */
export function validateProfile(value: unknown): AgentProfileInput {
  if (!isRecord(value)) throw invalid('profile', 'must be an object with id, name, endpoint and capabilities');
  const id = checkId(value.id);
  const name = text(value.name, 'name', LIMITS.name, true)!;
  const endpoint = checkEndpoint(value.endpoint);
  const explicit = capabilityList(value.capabilities, 'capabilities', LIMITS.capabilities);
  const skills = checkSkills(value.skills);
  const capabilities = [...new Set([...explicit, ...(skills ?? []).flatMap((s) => s.tags)])];
  if (capabilities.length > LIMITS.capabilities) {
    throw invalid(
      'capabilities',
      `has ${capabilities.length} entries with the skills' tags; at most ${LIMITS.capabilities} are allowed`,
    );
  }
  const description = text(value.description, 'description', LIMITS.description, false);
  const version = text(value.version, 'version', LIMITS.version, false);
  return {
    id,
    name,
    endpoint,
    capabilities,
    ...(description ? { description } : {}),
    ...(version ? { version } : {}),
    ...(skills ? { skills } : {}),
  };
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);
