/**
 * What the wizard's assistant is to the rest of the extension: given the step and the design so
 * far, it streams readable text while it works and settles with a structured suggestion the user
 * can accept or edit. Implementations: offline (rules and templates) and Amazon Bedrock.
 */
import type { AssistantKind, SuggestStep, Suggestion, WizardDesign } from '../../protocol/ideationWizard';

export interface SuggestInput {
  step: SuggestStep;
  design: WizardDesign;
}

export interface IdeationAssistant {
  readonly kind: AssistantKind;
  /** @param onToken called with each piece of text as it is produced, in order. */
  suggest(input: SuggestInput, onToken: (text: string) => void, signal?: AbortSignal): Promise<Suggestion>;
}
