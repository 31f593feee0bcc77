import { describe, expect, it } from 'vitest';
import type { AgentifyConfig } from '../../../src/config/agentifyConfig';
import { buildRunArgs, buildRunEnv } from '../../../src/executor/runEnvironment';

function config(overrides: { profile?: string; stdoutEvents?: boolean } = {}): AgentifyConfig {
  return {
    infrastructure: { dynamodb: { tableName: 'tbl', region: 'ap-south-1', endpoint: '' } },
    aws: { profile: overrides.profile },
    python: {},
    workflow: { entry: 'agents/main.py', stdoutEvents: overrides.stdoutEvents ?? true, timeoutSeconds: 0 },
    bedrock: { modelId: '' },
    demoViewer: { openOnStartup: false },
    otlp: { enabled: false, port: 0, exportEndpoint: '', writeToTable: false },
    journal: { tableName: 'agentify-session-journal', stateMachineArn: '', offlineAgent: '' },
    registry: { tableName: 'AgentRegistry', staleAfterSeconds: 300 },
    pricing: { models: {} },
  };
}

const base = {
  workflowId: 'wf-0123abcd',
  traceId: 'a'.repeat(32),
  decoratorsPath: '/ext/python-decorators',
  platform: 'linux' as const,
};

describe('buildRunEnv', () => {
  it('keeps the user environment and adds the run ids, table and unbuffered output', () => {
    const env = buildRunEnv({ ...base, base: { HOME: '/home/u', PATH: '/bin' }, config: config() });
    expect(env).toEqual({
      HOME: '/home/u',
      PATH: '/bin',
      AGENTIFY_WORKFLOW_ID: 'wf-0123abcd',
      AGENTIFY_TRACE_ID: 'a'.repeat(32),
      AGENTIFY_TABLE_NAME: 'tbl',
      AGENTIFY_TABLE_REGION: 'ap-south-1',
      AGENTIFY_TTL_DAYS: '1',
      PYTHONUNBUFFERED: '1',
      PYTHONPATH: '/ext/python-decorators',
    });
  });

  it('prefixes an existing PYTHONPATH with the bundled decorators', () => {
    const env = buildRunEnv({ ...base, base: { PYTHONPATH: '/a:/b' }, config: config() });
    expect(env.PYTHONPATH).toBe('/ext/python-decorators:/a:/b');
  });

  it('uses ; between PYTHONPATH entries on Windows', () => {
    const env = buildRunEnv({ ...base, platform: 'win32', base: { PYTHONPATH: 'C:\\lib' }, config: config() });
    expect(env.PYTHONPATH).toBe('/ext/python-decorators;C:\\lib');
  });

  it('sets the endpoint URL and the profile when given', () => {
    const env = buildRunEnv({
      ...base,
      base: {},
      config: config({ profile: 'dev' }),
      endpointUrl: 'http://127.0.0.1:8000',
    });
    expect(env.AGENTIFY_DYNAMODB_ENDPOINT).toBe('http://127.0.0.1:8000');
    expect(env.AWS_PROFILE).toBe('dev');
  });

  it('leaves AWS_PROFILE from the user environment alone when no profile is configured', () => {
    const env = buildRunEnv({ ...base, base: { AWS_PROFILE: 'mine' }, config: config() });
    expect(env.AWS_PROFILE).toBe('mine');
  });

  it('drops a stale endpoint inherited from the editor when the run writes to AWS', () => {
    const env = buildRunEnv({ ...base, base: { AGENTIFY_DYNAMODB_ENDPOINT: 'http://old' }, config: config() });
    expect(env).not.toHaveProperty('AGENTIFY_DYNAMODB_ENDPOINT');
  });

  it('turns stdout events off with AGENTIFY_STDOUT=0 only when workflow.stdoutEvents is false', () => {
    expect(buildRunEnv({ ...base, base: {}, config: config({ stdoutEvents: false }) }).AGENTIFY_STDOUT).toBe('0');
    expect(buildRunEnv({ ...base, base: { AGENTIFY_STDOUT: '0' }, config: config() })).not.toHaveProperty(
      'AGENTIFY_STDOUT',
    );
  });

  it('does not modify the environment it was given', () => {
    const user = { PATH: '/bin' };
    buildRunEnv({ ...base, base: user, config: config() });
    expect(user).toEqual({ PATH: '/bin' });
  });
});

describe('buildRunEnv with the OTLP receiver', () => {
  const otlp = { ...base, otlpEndpoint: 'http://127.0.0.1:4318/' };

  it('sets no OTEL variable when the receiver is off', () => {
    const env = buildRunEnv({ ...base, base: {}, config: config() });
    expect(Object.keys(env).filter((k) => k.startsWith('OTEL_'))).toEqual([]);
  });

  it('points the OTLP exporters at the receiver, over HTTP/protobuf, with the GenAI opt-in and the run id', () => {
    const env = buildRunEnv({ ...otlp, base: {}, config: config() });
    expect(env).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      OTEL_SEMCONV_STABILITY_OPT_IN: 'gen_ai_latest_experimental',
      OTEL_RESOURCE_ATTRIBUTES: 'agentify.workflow_id=wf-0123abcd',
    });
  });

  it("keeps the user's other opt-ins and resource attributes, and replaces a stale run id", () => {
    const env = buildRunEnv({
      ...otlp,
      base: { OTEL_SEMCONV_STABILITY_OPT_IN: 'http', OTEL_RESOURCE_ATTRIBUTES: 'team=a,agentify.workflow_id=old' },
      config: config(),
    });
    expect(env.OTEL_SEMCONV_STABILITY_OPT_IN).toBe('http,gen_ai_latest_experimental');
    expect(env.OTEL_RESOURCE_ATTRIBUTES).toBe('team=a,agentify.workflow_id=wf-0123abcd');
    const again = buildRunEnv({
      ...otlp,
      base: { OTEL_SEMCONV_STABILITY_OPT_IN: 'gen_ai_latest_experimental' },
      config: config(),
    });
    expect(again.OTEL_SEMCONV_STABILITY_OPT_IN).toBe('gen_ai_latest_experimental');
  });
});

describe('buildRunArgs', () => {
  it('passes the prompt and ids as separate arguments after the entry', () => {
    expect(buildRunArgs('/w/main.py', 'a "b" c', 'wf-1', 't')).toEqual([
      '/w/main.py',
      '--prompt',
      'a "b" c',
      '--workflow-id',
      'wf-1',
      '--trace-id',
      't',
    ]);
  });
});

describe('buildRunEnv: index owner and TTL', () => {
  const withStorage = (owner?: string, ttlDays?: number): AgentifyConfig => {
    const c = config();
    c.infrastructure.dynamodb = { ...c.infrastructure.dynamodb, owner, ttlDays };
    return c;
  };

  it('passes the configured owner and TTL days', () => {
    const env = buildRunEnv({ ...base, base: {}, config: withStorage('team-a', 30), workspaceFolder: '/work/shop' });
    expect(env.AGENTIFY_OWNER).toBe('team-a');
    expect(env.AGENTIFY_TTL_DAYS).toBe('30');
  });

  it('uses the workspace folder’s name as the owner when none is configured', () => {
    const env = buildRunEnv({ ...base, base: {}, config: withStorage(undefined), workspaceFolder: '/work/shop' });
    expect(env.AGENTIFY_OWNER).toBe('shop');
    expect(env.AGENTIFY_TTL_DAYS).toBe('1');
  });
});
