/** Step 4: security and compliance constraints, data off limits, human approval points. */
import { el, section } from '../dom';
import type { StepContext } from './context';
import { linesField } from './lists';

export function renderGuardrails({ store, assistant }: StepContext): HTMLElement {
  const g = () => store.design.guardrails;
  const errors = store.view.errors;
  return el(
    'div',
    {},
    section('Guardrails', 'What must the agents respect? One item per line.'),
    assistant.render('guardrails', 'Suggest guardrails'),
    linesField(store, {
      label: 'Security and compliance constraints',
      hint: 'e.g. Follow the return policy exactly',
      testid: 'constraints',
      get: () => g().constraints,
      set: (v) => (g().constraints = v),
      error: errors.constraints,
    }),
    linesField(store, {
      label: 'Data the agents must not touch',
      hint: 'e.g. Full payment card numbers',
      testid: 'forbidden-data',
      get: () => g().forbiddenData,
      set: (v) => (g().forbiddenData = v),
      error: errors.forbiddenData,
    }),
    linesField(store, {
      label: 'Human approval points',
      hint: 'e.g. Refunds above $200',
      testid: 'approvals',
      get: () => g().approvals,
      set: (v) => (g().approvals = v),
      error: errors.approvals,
    }),
  );
}
