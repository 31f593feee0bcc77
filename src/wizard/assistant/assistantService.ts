/**
 * Chooses the assistant for each request: Bedrock when agentify.bedrock.modelId is set, else the
 * offline one. When Bedrock fails for any reason the offline assistant answers instead and the
 * result carries a notice that says so, why, and what to do.
 */
import type { AssistantInfo, SuggestResult } from '../../protocol/ideationWizard';
import type { IdeationAssistant, SuggestInput } from './types';

export interface AssistantServiceOptions {
  offline: IdeationAssistant;
  /** Built on demand: absent when no model id is configured. */
  bedrock: () => IdeationAssistant | undefined;
  modelId: () => string;
  log?: (message: string) => void;
}

export class AssistantService {
  constructor(private readonly options: AssistantServiceOptions) {}

  get info(): AssistantInfo {
    const modelId = this.options.modelId();
    return modelId ? { kind: 'bedrock', modelId } : { kind: 'offline' };
  }

  async suggest(
    requestId: string,
    input: SuggestInput,
    onToken: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<SuggestResult> {
    const bedrock = this.options.modelId() ? this.options.bedrock() : undefined;
    if (bedrock) {
      try {
        return { requestId, suggestion: await bedrock.suggest(input, onToken, signal), source: 'bedrock' };
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        this.options.log?.(`Bedrock assistant failed, the offline assistant answered: ${reason}`);
        onToken('\n\n— The offline assistant continues —\n');
        const suggestion = await this.options.offline.suggest(input, onToken, signal);
        return {
          requestId,
          suggestion,
          source: 'offline',
          notice: `${reason} The offline assistant answered instead.`,
        };
      }
    }
    return { requestId, suggestion: await this.options.offline.suggest(input, onToken, signal), source: 'offline' };
  }
}
