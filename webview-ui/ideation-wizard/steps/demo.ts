/** Step 7: the demo script: prompts to run, what to show, talking points. */
import { el, section } from '../dom';
import type { StepContext } from './context';
import { linesField } from './lists';

export function renderDemo({ store, assistant }: StepContext): HTMLElement {
  const demo = () => store.design.demo;
  const errors = store.view.errors;
  return el(
    'div',
    {},
    section(
      'Demo strategy',
      'Plan the demo: the prompts to run, what to point at on screen, and what to say. One item per line.',
    ),
    assistant.render('demo', 'Suggest a demo'),
    linesField(store, {
      label: 'Prompts to run',
      hint: 'One per line; the generated README lists them in order for the presenter.',
      testid: 'demo-prompts',
      get: () => demo().prompts,
      set: (v) => (demo().prompts = v),
      error: errors.prompts,
    }),
    linesField(store, {
      label: 'What to show',
      hint: 'e.g. The supervisor routing to a specialist',
      testid: 'demo-showcase',
      get: () => demo().showcase,
      set: (v) => (demo().showcase = v),
    }),
    linesField(store, {
      label: 'Talking points',
      hint: 'e.g. Every step is auditable',
      testid: 'demo-talking-points',
      get: () => demo().talkingPoints,
      set: (v) => (demo().talkingPoints = v),
    }),
  );
}
