/** The wizard's steps as the user reads them. */
import type { StepId } from '../../src/protocol/ideationWizard';

export const STEP_TITLES: Record<StepId, string> = {
  objective: 'Objective',
  clarify: 'Clarify',
  outcomes: 'Outcomes',
  guardrails: 'Guardrails',
  team: 'Agent team',
  mockData: 'Mock data',
  demo: 'Demo strategy',
  review: 'Review & generate',
};
