import { describe, expect, it } from 'vitest';
import { RegistryError } from '../../../src/registry/errors';
import { validateProfile } from '../../../src/registry/validate';

const base = { id: 'planner', name: 'Planner', endpoint: 'https://agents.example.com/planner', capabilities: ['plan'] };

function refusal(value: unknown): { field?: string; reason?: string } {
  try {
    validateProfile(value);
  } catch (err) {
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).status).toBe(400);
    return (err as RegistryError).details;
  }
  throw new Error('accepted');
}

describe('validateProfile', () => {
  it('accepts a complete profile, lower-cases capabilities and merges the skills’ tags into them', () => {
    const p = validateProfile({
      ...base,
      capabilities: ['Plan', 'plan', 'SEARCH'],
      description: ' Plans ',
      version: '1.0',
      skills: [{ id: 'route', name: 'Route', tags: ['Routing', 'plan'] }],
    });
    expect(p).toEqual({
      ...base,
      capabilities: ['plan', 'search', 'routing'],
      description: 'Plans',
      version: '1.0',
      skills: [{ id: 'route', name: 'Route', tags: ['routing', 'plan'] }],
    });
  });

  it.each([
    ['missing id', { ...base, id: undefined }, 'id', 'is required'],
    ['id with a #', { ...base, id: 'a#cap#b' }, 'id', 'letters'],
    ['too long id', { ...base, id: 'a'.repeat(129) }, 'id', 'longer than 128'],
    ['missing name', { ...base, name: '  ' }, 'name', 'is required'],
    ['missing endpoint', { ...base, endpoint: undefined }, 'endpoint', 'is required'],
    ['endpoint not a URL', { ...base, endpoint: 'planner' }, 'endpoint', 'is not a URL'],
    ['plain http off loopback', { ...base, endpoint: 'http://agents.example.com' }, 'endpoint', 'https://'],
    ['another scheme', { ...base, endpoint: 'javascript:alert(1)' }, 'endpoint', 'https:// URL'],
    [
      'credentials in the endpoint',
      { ...base, endpoint: 'https://user:pw@agents.example.com' },
      'endpoint',
      'password',
    ],
    ['capabilities not a list', { ...base, capabilities: 'plan' }, 'capabilities', 'list'],
    [
      'too many capabilities',
      { ...base, capabilities: Array.from({ length: 33 }, (_, i) => `c${i}`) },
      'capabilities',
      'at most 32',
    ],
    ['too long capability', { ...base, capabilities: ['x'.repeat(65)] }, 'capabilities[0]', 'longer than 64'],
    ['capability of the reserved form', { ...base, capabilities: ['#agent'] }, 'capabilities[0]', 'starting with'],
    [
      'too many with skill tags',
      {
        ...base,
        capabilities: Array.from({ length: 30 }, (_, i) => `c${i}`),
        skills: [{ id: 's', name: 'S', tags: ['t1', 't2', 't3'] }],
      },
      'capabilities',
      'skills',
    ],
    ['a skill without a name', { ...base, skills: [{ id: 's', tags: [] }] }, 'skills[0].name', 'is required'],
    [
      'two skills with one id',
      {
        ...base,
        skills: [
          { id: 's', name: 'A', tags: [] },
          { id: 's', name: 'B', tags: [] },
        ],
      },
      'skills[1].id',
      'another skill',
    ],
    ['a too long description', { ...base, description: 'd'.repeat(1025) }, 'description', 'longer than 1024'],
    ['not an object', 'planner', 'profile', 'object'],
  ])('refuses %s, naming the field and the reason', (_what, value, field, reason) => {
    const details = refusal(value);
    expect(details.field).toBe(field);
    expect(details.reason).toContain(reason);
  });

  it.each(['http://127.0.0.1:8080/a2a', 'http://localhost:9000', 'http://[::1]:7000/x', 'https://agents.example.com'])(
    'accepts the endpoint %s',
    (endpoint) => {
      expect(validateProfile({ ...base, endpoint }).endpoint).toBe(endpoint);
    },
  );
});
