import * as v from 'valibot';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsClientFactory } from '../../../src/aws/clientFactory';
import { emptyDesign, Suggestion, WizardDesign } from '../../../src/protocol/ideationWizard';
import { AssistantService } from '../../../src/wizard/assistant/assistantService';
import { BedrockAssistant } from '../../../src/wizard/assistant/bedrock/bedrockAssistant';
import { OfflineAssistant } from '../../../src/wizard/assistant/offline/offlineAssistant';
import { BedrockStandIn } from '../../support/bedrockStandIn';

const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
let standIn: BedrockStandIn;
let factory: AwsClientFactory;
let bedrock: BedrockAssistant;

const design: WizardDesign = {
  ...emptyDesign(),
  industry: 'retail',
  objective: 'Resolve return requests in chat',
  systems: ['CRM'],
};

/** A model answer split the way a stream splits it: mid-word and mid-JSON. */
function chunked(text: string, size = 7): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

beforeAll(async () => {
  standIn = await BedrockStandIn.start();
  factory = new AwsClientFactory(() => ({
    region: 'us-east-1',
    endpoint: standIn.endpoint,
    staticCredentials: { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'secret' },
    maxAttempts: 1,
  }));
  bedrock = new BedrockAssistant({
    clients: factory,
    context: () => ({ modelId: MODEL, region: 'us-east-1', profile: 'demo' }),
  });
});

afterAll(async () => {
  factory?.dispose();
  await standIn?.stop();
});

beforeEach(() => {
  standIn.requests.length = 0;
});

describe('BedrockAssistant against a ConverseStream stand-in', () => {
  it('sends one ConverseStream request with the model, system prompt, step and design', async () => {
    standIn.replies = [{ kind: 'stream', chunks: chunked('{"kpis":[{"name":"CSAT","target":"4.5"}]}') }];
    await bedrock.suggest({ step: 'outcomes', design }, () => undefined);
    expect(standIn.requests).toHaveLength(1);
    const [req] = standIn.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/model/${MODEL}/converse-stream`);
    expect(req.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDSTANDIN\/\d{8}\/us-east-1\/bedrock\/aws4_request/,
    );
    const body = req.body as {
      system: { text: string }[];
      messages: { role: string; content: { text: string }[] }[];
      inferenceConfig: { maxTokens: number };
    };
    expect(body.system[0].text).toContain('exactly one JSON object');
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0].role).toBe('user');
    expect(body.messages[0].content[0].text).toContain('success metrics');
    expect(body.messages[0].content[0].text).toContain('"objective": "Resolve return requests in chat"');
    expect(body.inferenceConfig.maxTokens).toBe(4096);
  });

  it('passes each text delta on in order and parses the whole answer', async () => {
    const answer =
      'Here you go:\n```json\n' +
      JSON.stringify({
        pattern: 'supervisor',
        agents: [
          {
            name: 'Router',
            role: 'Routes',
            instructions: 'Route',
            tools: [{ name: 'classify', description: 'Classifies', mockResponse: { intent: 'return' } }],
          },
          { name: 'Refunds', role: 'Refunds', instructions: 'Refund', tools: [] },
        ],
        edges: [{ from: 'Router', to: 'Refunds' }],
      }) +
      '\n```';
    const chunks = chunked(answer);
    standIn.replies = [{ kind: 'stream', chunks }];
    const tokens: string[] = [];
    const suggestion = await bedrock.suggest({ step: 'team', design }, (t) => tokens.push(t));
    expect(tokens).toEqual(chunks);
    expect(v.safeParse(Suggestion, suggestion).issues).toBeUndefined();
    expect(suggestion).toMatchObject({
      step: 'team',
      pattern: 'supervisor',
      edges: [{ from: 'agent-1', to: 'agent-2' }],
    });
    if (suggestion.step === 'team')
      expect(JSON.parse(suggestion.agents[0].tools[0].mockResponse)).toEqual({ intent: 'return' });
  });

  it('explains denied model access with how to request it', async () => {
    standIn.replies = [
      {
        kind: 'error',
        status: 403,
        type: 'AccessDeniedException',
        message: "You don't have access to the model with the specified model ID.",
      },
    ];
    const err = await bedrock.suggest({ step: 'outcomes', design }, () => undefined).catch((e) => e);
    expect(err.code).toBe('AccessDenied');
    expect(err.message).toContain(`Request access to "${MODEL}" in the Amazon Bedrock console`);
  });

  it('reports throttling, both as a 429 and as an exception in the middle of the stream', async () => {
    standIn.replies = [
      {
        kind: 'error',
        status: 429,
        type: 'ThrottlingException',
        message: 'Too many requests, please wait before trying again.',
      },
    ];
    const first = await bedrock.suggest({ step: 'outcomes', design }, () => undefined).catch((e) => e);
    expect(first.code).toBe('Throttled');
    expect(first.message).toContain('throttling');
    standIn.replies = [
      {
        kind: 'streamThenException',
        chunks: ['{"kpis":'],
        exception: 'throttlingException',
        message: 'Too many tokens.',
      },
    ];
    const tokens: string[] = [];
    const second = await bedrock.suggest({ step: 'outcomes', design }, (t) => tokens.push(t)).catch((e) => e);
    expect(tokens).toEqual(['{"kpis":']);
    expect(second.code).toBe('Throttled');
  });

  it('says how to set a profile when there are no credentials', async () => {
    const noCredentials = new BedrockAssistant({
      clients: {
        documentClient: () => Promise.reject(new Error('the assistant uses no DynamoDB')),
        client: () =>
          Promise.reject(
            Object.assign(new Error('Could not load credentials from any providers'), {
              name: 'CredentialsProviderError',
            }),
          ),
      },
      context: () => ({ modelId: MODEL, region: 'us-east-1' }),
    });
    const err = await noCredentials.suggest({ step: 'outcomes', design }, () => undefined).catch((e) => e);
    expect(err.code).toBe('NoCredentials');
    expect(err.message).toContain('agentify.aws.profile');
    expect(err.message).toContain('aws sso login');
  });

  it('refuses an answer that is not the JSON asked for', async () => {
    standIn.replies = [{ kind: 'stream', chunks: ['I cannot help with that.'] }];
    const err = await bedrock.suggest({ step: 'demo', design }, () => undefined).catch((e) => e);
    expect(err.message).toContain('could not be used');
  });
});

describe('AssistantService', () => {
  const service = (modelId: string) =>
    new AssistantService({ offline: new OfflineAssistant(), bedrock: () => bedrock, modelId: () => modelId });

  it('uses the offline assistant when no model is configured, without calling Bedrock', async () => {
    const result = await service('').suggest('r1', { step: 'outcomes', design }, () => undefined);
    expect(result).toMatchObject({ requestId: 'r1', source: 'offline' });
    expect(result.notice).toBeUndefined();
    expect(standIn.requests).toHaveLength(0);
    expect(service('').info).toEqual({ kind: 'offline' });
  });

  it('uses Bedrock when a model is configured', async () => {
    standIn.replies = [
      { kind: 'stream', chunks: ['{"prompts":["Return my shoes"],"showcase":[],"talkingPoints":[]}'] },
    ];
    const result = await service(MODEL).suggest('r2', { step: 'demo', design }, () => undefined);
    expect(result).toMatchObject({
      source: 'bedrock',
      suggestion: { step: 'demo', demo: { prompts: ['Return my shoes'] } },
    });
  });

  it('falls back to the offline assistant when Bedrock fails, and says why', async () => {
    standIn.replies = [{ kind: 'error', status: 403, type: 'AccessDeniedException', message: 'denied' }];
    const tokens: string[] = [];
    const result = await service(MODEL).suggest('r3', { step: 'outcomes', design }, (t) => tokens.push(t));
    expect(result.source).toBe('offline');
    expect(result.notice).toContain('Request access');
    expect(result.notice).toContain('The offline assistant answered instead.');
    expect(result.suggestion.step).toBe('outcomes');
    expect(tokens.join('')).toContain('offline assistant continues');
  });
});
