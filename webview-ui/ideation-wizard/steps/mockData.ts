/** Step 6: sample records and each tool's mock response, so the demo runs without real systems. */
import { LIMITS } from '../../../src/protocol/ideationWizard';
import { button, el, field, section, uid } from '../dom';
import type { StepContext } from './context';

export function renderMockData({ store, assistant }: StepContext): HTMLElement {
  const d = store.design;
  const errors = store.view.errors;
  const tools = d.agents.flatMap((a, i) => a.tools.map((t, j) => ({ a, t, i, j })));
  return el(
    'div',
    {},
    section(
      'Mock data',
      'Sample records and the responses the mock tools return. JSON; the generated project reads it from mock_data/.',
    ),
    assistant.render('mockData', 'Suggest mock data'),
    el('h3', {}, 'Sample records'),
    el(
      'ul',
      { class: 'cards', testid: 'datasets' },
      ...d.datasets.map((ds, i) =>
        el(
          'li',
          { class: 'card', testid: 'dataset' },
          el(
            'div',
            { class: 'row' },
            field({
              label: 'Data set',
              value: ds.name,
              onInput: (v) => store.update((x) => (x.datasets[i].name = v), { render: false }),
              testid: `dataset-name-${i}`,
              maxLength: LIMITS.short,
              error: errors[`dataset-name-${i}`],
            }),
            button(`Remove data set ${ds.name}`, () => store.update((x) => x.datasets.splice(i, 1)), {
              icon: 'trash',
              iconOnly: true,
              secondary: true,
              testid: `remove-dataset-${i}`,
            }),
          ),
          field({
            label: 'Records (JSON array)',
            value: ds.records,
            onInput: (v) => store.update((x) => (x.datasets[i].records = v), { render: false }),
            testid: `dataset-records-${i}`,
            multiline: true,
            rows: 5,
            maxLength: LIMITS.json,
            monospace: true,
            error: errors[`dataset-records-${i}`],
          }),
        ),
      ),
    ),
    button('Add data set', () => store.update((x) => x.datasets.push({ id: uid('data'), name: '', records: '[]' })), {
      icon: 'add',
      secondary: true,
      testid: 'add-dataset',
    }),
    el('h3', {}, 'Tool responses'),
    tools.length
      ? el(
          'ul',
          { class: 'cards', testid: 'tool-responses' },
          ...tools.map(({ a, t, i, j }) =>
            el(
              'li',
              { class: 'card' },
              field({
                label: `${t.name || '(unnamed tool)'} — ${a.name}`,
                value: t.mockResponse,
                onInput: (v) => store.update((x) => (x.agents[i].tools[j].mockResponse = v), { render: false }),
                testid: `mock-${i}-${j}`,
                multiline: true,
                rows: 4,
                maxLength: LIMITS.json,
                monospace: true,
                error: errors[`mock-${i}-${j}`],
              }),
            ),
          ),
        )
      : el('p', { class: 'hint' }, 'The team has no tools yet; add them in the Agent team step.'),
  );
}
