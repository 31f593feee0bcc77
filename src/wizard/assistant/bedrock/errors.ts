/**
 * Bedrock failures in the user's words: no access to the model (how to request it), throttling,
 * missing or expired credentials (how to set a profile), an unknown model id, an unreachable
 * endpoint. Shares its error names with the DynamoDB messages via the AgentifyError codes.
 */
import { errorNames, type SdkErrorLike } from '../../../aws/awsErrors';
import { AgentifyError } from '../../../common/errors';

export interface BedrockErrorContext {
  modelId: string;
  region: string;
  profile?: string;
}

export function toBedrockError(err: unknown, ctx: BedrockErrorContext): AgentifyError {
  if (err instanceof AgentifyError) return err;
  const n = errorNames(err);
  const message = (err as SdkErrorLike)?.message ?? String(err);
  const status = (err as SdkErrorLike)?.$metadata?.httpStatusCode;
  const profile = ctx.profile ? `profile "${ctx.profile}"` : 'the default credential chain';
  if (n.includes('CredentialsProviderError') || /could not load credentials/i.test(message)) {
    const hint =
      'Set agentify.aws.profile to a profile from ~/.aws/config (for SSO run `aws sso login --profile NAME`), or ' +
      'export AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, then try again.';
    return new AgentifyError(`No AWS credentials were found for Amazon Bedrock (${profile}). ${hint}`, {
      code: 'NoCredentials',
      cause: err,
      hint,
    });
  }
  if (n.some((x) => /ExpiredToken|TokenRefreshRequired/.test(x))) {
    const hint = ctx.profile
      ? `Run \`aws sso login --profile ${ctx.profile}\` and try again.`
      : 'Refresh your AWS credentials and try again.';
    return new AgentifyError(`Your AWS credentials for Amazon Bedrock have expired. ${hint}`, {
      code: 'ExpiredCredentials',
      cause: err,
      hint,
    });
  }
  if (n.includes('AccessDeniedException') || status === 403) {
    const hint =
      `Request access to "${ctx.modelId}" in the Amazon Bedrock console (Model access, region ` +
      `${ctx.region}), and allow bedrock:InvokeModelWithResponseStream for your identity; or change ` +
      `agentify.bedrock.modelId.`;
    return new AgentifyError(`Access to the Bedrock model "${ctx.modelId}" was denied (${message}). ${hint}`, {
      code: 'AccessDenied',
      cause: err,
      hint,
    });
  }
  if (n.some((x) => /Throttling|TooManyRequests|ServiceQuotaExceeded/.test(x)) || status === 429) {
    const hint = 'Wait a minute and try again, or request a higher quota for the model in the Service Quotas console.';
    return new AgentifyError(`Amazon Bedrock is throttling requests to "${ctx.modelId}". ${hint}`, {
      code: 'Throttled',
      cause: err,
      hint,
    });
  }
  if (n.includes('ResourceNotFoundException') || (n.includes('ValidationException') && /model/i.test(message))) {
    const hint =
      `Check agentify.bedrock.modelId (for example anthropic.claude-3-5-sonnet-20240620-v1:0) and that ` +
      `the model is offered in ${ctx.region}.`;
    return new AgentifyError(`Amazon Bedrock does not know the model "${ctx.modelId}" (${message}). ${hint}`, {
      code: 'Unknown',
      cause: err,
      hint,
    });
  }
  if (
    n.some((x) => /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|TimeoutError/.test(x)) ||
    /ECONNREFUSED|ENOTFOUND|fetch failed|socket hang up/i.test(message)
  ) {
    const hint = `Check your network connection and agentify.aws.region (${ctx.region}).`;
    return new AgentifyError(`Cannot reach Amazon Bedrock in ${ctx.region}. ${hint}`, {
      code: 'EndpointUnreachable',
      cause: err,
      hint,
    });
  }
  return new AgentifyError(`The Bedrock request failed: ${message}`, { code: 'Unknown', cause: err });
}
