import { describe, expect, it } from 'vitest';
import { toBedrockError } from '../../../src/wizard/assistant/bedrock/errors';

const ctx = { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', region: 'eu-west-1', profile: 'work' };
const sdkError = (name: string, message: string, status?: number) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('toBedrockError', () => {
  it('tells the user to sign in again when the credentials expired', () => {
    const e = toBedrockError(
      sdkError('ExpiredTokenException', 'The security token included in the request is expired', 403),
      ctx,
    );
    expect(e.code).toBe('ExpiredCredentials');
    expect(e.message).toContain('aws sso login --profile work');
  });

  it('names the model id setting for an unknown model', () => {
    const e = toBedrockError(sdkError('ValidationException', 'The provided model identifier is invalid.', 400), ctx);
    expect(e.message).toContain('agentify.bedrock.modelId');
    expect(e.message).toContain('eu-west-1');
  });

  it('says where it looked when the endpoint cannot be reached', () => {
    const e = toBedrockError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      ctx,
    );
    expect(e.code).toBe('EndpointUnreachable');
    expect(e.message).toContain('agentify.aws.region (eu-west-1)');
  });

  it('keeps the low-level error as the cause', () => {
    const low = sdkError('ThrottlingException', 'Rate exceeded', 429);
    expect(toBedrockError(low, ctx).cause).toBe(low);
  });
});
