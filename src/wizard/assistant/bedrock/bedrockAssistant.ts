/**
 * The assistant backed by Amazon Bedrock: one ConverseStream call per suggestion, each text delta
 * passed on as it arrives, the whole answer parsed into a Suggestion at the end. Errors (including
 * ones the stream reports mid-way) surface as AgentifyErrors that say what to do.
 */
import type { AwsClients } from '../../../aws/clientFactory';
import type { Suggestion } from '../../../protocol/ideationWizard';
import type { IdeationAssistant, SuggestInput } from '../types';
import { BedrockErrorContext, toBedrockError } from './errors';
import { parseSuggestion } from './parse';
import { SYSTEM_PROMPT, userPrompt } from './prompt';

export interface BedrockAssistantOptions {
  /** Where the runtime client comes from (the one AWS client factory). */
  clients: AwsClients;
  /** Model id, region and profile as configured now (agentify.bedrock.modelId etc.). */
  context: () => BedrockErrorContext;
  /** Upper bound on the answer's length in tokens. Default 4096. */
  maxTokens?: number;
}

export class BedrockAssistant implements IdeationAssistant {
  readonly kind = 'bedrock' as const;

  constructor(private readonly options: BedrockAssistantOptions) {}

  async suggest(input: SuggestInput, onToken: (text: string) => void, signal?: AbortSignal): Promise<Suggestion> {
    const ctx = this.options.context();
    let text = '';
    try {
      const { BedrockRuntimeClient, ConverseStreamCommand } = await import('@aws-sdk/client-bedrock-runtime');
      const client = await this.options.clients.client(BedrockRuntimeClient, 'aws');
      const response = await client.send(
        new ConverseStreamCommand({
          modelId: ctx.modelId,
          system: [{ text: SYSTEM_PROMPT }],
          messages: [{ role: 'user', content: [{ text: userPrompt(input.step, input.design) }] }],
          inferenceConfig: { maxTokens: this.options.maxTokens ?? 4096, temperature: 0.3 },
        }),
        { abortSignal: signal },
      );
      for await (const event of response.stream ?? []) {
        const delta = event.contentBlockDelta?.delta?.text;
        if (delta) {
          text += delta;
          onToken(delta);
        }
        const failure =
          event.internalServerException ??
          event.modelStreamErrorException ??
          event.throttlingException ??
          event.validationException ??
          event.serviceUnavailableException;
        if (failure) throw failure;
      }
    } catch (err) {
      throw toBedrockError(err, ctx);
    }
    return parseSuggestion(input.step, text);
  }
}
