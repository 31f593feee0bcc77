/**
 * The assistant that works with no account and no network: deterministic suggestions built from an
 * industry profile and rules over what the user wrote (objective keywords, systems named, gaps).
 * The same design always yields the same suggestion.
 */
import type { Suggestion } from '../../../protocol/ideationWizard';
import type { IdeationAssistant, SuggestInput } from '../types';
import { describeSuggestion } from './describe';
import { suggestClarifications, suggestDemo, suggestGuardrails, suggestKpis } from './rules';
import { suggestMockData, suggestTeam } from './teamRules';

export class OfflineAssistant implements IdeationAssistant {
  readonly kind = 'offline' as const;

  async suggest(input: SuggestInput, onToken: (text: string) => void, signal?: AbortSignal): Promise<Suggestion> {
    const suggestion = build(input);
    // Streamed word by word so the UI behaves the same whichever assistant answers.
    for (const word of describeSuggestion(suggestion).split(/(?<=\s)/)) {
      if (signal?.aborted) break;
      onToken(word);
    }
    return suggestion;
  }
}

function build({ step, design }: SuggestInput): Suggestion {
  switch (step) {
    case 'clarify':
      return { step, clarifications: suggestClarifications(design) };
    case 'outcomes':
      return { step, kpis: suggestKpis(design) };
    case 'guardrails':
      return { step, guardrails: suggestGuardrails(design) };
    case 'team':
      return { step, ...suggestTeam(design) };
    case 'mockData':
      return { step, ...suggestMockData(design) };
    case 'demo':
      return { step, demo: suggestDemo(design) };
  }
}
