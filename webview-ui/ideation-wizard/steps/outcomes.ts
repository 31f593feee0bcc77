/** Step 3: success metrics with targets. */
import { LIMITS } from '../../../src/protocol/ideationWizard';
import { button, el, field, groupError, section, uid } from '../dom';
import type { StepContext } from './context';

export function renderOutcomes({ store, assistant }: StepContext): HTMLElement {
  const d = store.design;
  const errors = store.view.errors;
  return el(
    'div',
    {},
    section('Outcomes', 'How will you know the agents succeed? Name each metric and its target.'),
    assistant.render('outcomes', 'Suggest KPIs'),
    el(
      'ul',
      { class: 'cards', testid: 'kpis' },
      ...d.kpis.map((k, i) =>
        el(
          'li',
          { class: 'card row kpi', testid: 'kpi' },
          field({
            label: 'Metric',
            value: k.name,
            onInput: (v) => store.update((x) => (x.kpis[i].name = v), { render: false }),
            testid: `kpi-name-${i}`,
            maxLength: LIMITS.short,
            error: errors[`kpi-name-${i}`],
          }),
          field({
            label: 'Target',
            value: k.target,
            onInput: (v) => store.update((x) => (x.kpis[i].target = v), { render: false }),
            testid: `kpi-target-${i}`,
            maxLength: LIMITS.short,
            error: errors[`kpi-target-${i}`],
          }),
          button(`Remove metric ${i + 1}`, () => store.update((x) => x.kpis.splice(i, 1)), {
            icon: 'trash',
            iconOnly: true,
            secondary: true,
            testid: `remove-kpi-${i}`,
          }),
        ),
      ),
    ),
    groupError(errors.kpis, 'kpis-error'),
    button('Add metric', () => store.update((x) => x.kpis.push({ id: uid('kpi'), name: '', target: '' })), {
      icon: 'add',
      secondary: true,
      testid: 'add-kpi',
    }),
  );
}
