import { describe, expect, it } from 'vitest';
import {
  ListAgentsCommand,
  REGISTRY_LIMITS,
  RegistryStateNotification,
  RegistryUiState,
} from '../../../src/protocol/registry';
import { accepts, chars, output } from './accepts';

const agent = {
  id: 'a1',
  name: 'Planner',
  endpoint: 'https://a.example.com',
  capabilities: ['plan'],
  registeredAt: 1,
  lastSeenAt: 2,
  stale: false,
};
const view = { mode: 'table', tableName: 'AgentRegistry', capability: '', agents: [agent] };

describe('Agent Registry protocol', () => {
  it.each([
    ['all agents', { capability: '' }, true],
    ['agents with a capability, the next page', { capability: 'plan', cursor: 'abc' }, true],
    ['a capability at the limit', { capability: chars(REGISTRY_LIMITS.capability) }, true],
    ['a capability over the limit', { capability: chars(REGISTRY_LIMITS.capability + 1) }, false],
    ['a cursor over the limit', { capability: '', cursor: chars(REGISTRY_LIMITS.cursor + 1) }, false],
    ['no capability', { cursor: 'abc' }, false],
    ['a capability that is a list', { capability: ['plan'] }, false],
  ])('webview → host: listing %s', (_what, params, expected) => {
    expect(accepts(ListAgentsCommand.paramsSchema, params)).toBe(expected);
  });

  it('drops what the list command does not declare', () => {
    expect(output(ListAgentsCommand.paramsSchema, { capability: 'plan', limit: 1e9 })).toEqual({ capability: 'plan' });
  });

  it.each([
    ['a state', view, true],
    [
      'a memory-only state with its reason and an error',
      { ...view, mode: 'memory', reason: 'No table.', error: { code: 'E', message: 'm' } },
      true,
    ],
    ['an unknown mode', { ...view, mode: 'cloud' }, false],
    ['a table name over 255 characters', { ...view, tableName: chars(256) }, false],
    ['a reason over the limit', { ...view, reason: chars(REGISTRY_LIMITS.message + 1) }, false],
    ['an agent id over 128 characters', { ...view, agents: [{ ...agent, id: chars(129) }] }, false],
    ['an endpoint over 2048 characters', { ...view, agents: [{ ...agent, endpoint: chars(2049) }] }, false],
    [
      'a description over the limit',
      { ...view, agents: [{ ...agent, description: chars(REGISTRY_LIMITS.text + 1) }] },
      false,
    ],
    ['a version over 64 characters', { ...view, agents: [{ ...agent, version: chars(65) }] }, false],
    ['a last-seen time that is not finite', { ...view, agents: [{ ...agent, lastSeenAt: -Infinity }] }, false],
    ['an agent without its stale flag', { ...view, agents: [{ ...agent, stale: undefined }] }, false],
    ['an error code over 100 characters', { ...view, error: { code: chars(101), message: 'm' } }, false],
  ] as const)('host → webview: %s', (_what, state, expected) => {
    expect(accepts(RegistryStateNotification.paramsSchema, state)).toBe(expected);
  });

  it.each([
    ['a filter', { capability: 'plan' }, true],
    ['a filter over the limit', { capability: chars(REGISTRY_LIMITS.capability + 1) }, false],
    ['nothing saved yet', undefined, false],
  ])('persisted UI state: %s', (_what, state, expected) => {
    expect(accepts(RegistryUiState, state)).toBe(expected);
  });
});
