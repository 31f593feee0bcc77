import { describe, expect, it } from 'vitest';
import { emptyDesign, WizardState } from '../../../src/protocol/ideationWizard';
import { StateMemento, WIZARD_STATE_KEY, WizardStateStore } from '../../../src/wizard/wizardStateStore';

function memento(initial: Record<string, unknown> = {}): StateMemento & { data: Record<string, unknown> } {
  const data = { ...initial };
  return { data, get: <T>(k: string) => data[k] as T | undefined, update: async (k, v) => void (data[k] = v) };
}

describe('WizardStateStore', () => {
  it('keeps the state in the workspace memento and gives it back', async () => {
    const m = memento();
    const store = new WizardStateStore(m);
    const state: WizardState = { step: 'team', design: { ...emptyDesign(), objective: 'x' } };
    await store.save(state);
    expect(new WizardStateStore(m).load()).toEqual(state);
  });

  it('treats a damaged or outdated entry as no state', () => {
    expect(new WizardStateStore(memento({ [WIZARD_STATE_KEY]: { step: 'nope', design: {} } })).load()).toBeUndefined();
    expect(new WizardStateStore(memento({ [WIZARD_STATE_KEY]: 'text' })).load()).toBeUndefined();
  });

  it('reset clears the state and tells the open panel', async () => {
    const m = memento();
    const store = new WizardStateStore(m);
    await store.save({ step: 'demo', design: emptyDesign() });
    let told = 0;
    store.onDidReset(() => told++);
    await store.reset();
    expect(store.load()).toBeUndefined();
    expect(told).toBe(1);
  });
});
