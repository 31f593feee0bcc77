/** What every step view receives. */
import type { HostBridge } from '../../shared/hostBridge';
import type { AssistantController } from '../assistant';
import type { WizardStore } from '../store';

export interface StepContext {
  store: WizardStore;
  assistant: AssistantController;
  bridge: HostBridge;
}
