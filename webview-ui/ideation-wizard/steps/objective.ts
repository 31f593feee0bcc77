/** Step 1: the business objective, the industry and the systems involved, with examples to start from. */
import { INDUSTRIES, Industry, LIMITS } from '../../../src/protocol/ideationWizard';
import { button, el, field, groupError, icon, section, uid } from '../dom';
import { COMMON_SYSTEMS, EXAMPLES, INDUSTRY_LABELS } from '../examples';
import type { StepContext } from './context';

export function renderObjective({ store }: StepContext): HTMLElement {
  const d = store.design;
  const errors = store.view.errors;

  const examples = el(
    'div',
    { class: 'examples', attrs: { role: 'group', 'aria-label': 'Examples to start from' } },
    ...EXAMPLES.map((ex, i) =>
      el(
        'button',
        {
          class: 'example-card',
          testid: `example-${i}`,
          attrs: { type: 'button' },
          on: {
            click: () =>
              store.update((x) =>
                Object.assign(x, { objective: ex.objective, industry: ex.industry, systems: [...ex.systems] }),
              ),
          },
        },
        el('span', { class: 'example-title' }, icon('lightbulb'), ' ', ex.title),
        el('span', { class: 'example-text' }, ex.objective),
      ),
    ),
  );

  const industryId = uid('industry');
  const select = el(
    'select',
    { testid: 'industry', attrs: { id: industryId } },
    ...INDUSTRIES.map((i) => el('option', { attrs: { value: i } }, INDUSTRY_LABELS[i])),
  );
  select.value = d.industry;
  select.addEventListener('change', () => store.update((x) => (x.industry = select.value as Industry)));

  const addSystem = (name: string) => {
    const value = name.trim().slice(0, LIMITS.short);
    if (!value || d.systems.some((s) => s.toLowerCase() === value.toLowerCase())) return;
    store.update((x) => x.systems.push(value));
    document.querySelector<HTMLInputElement>('[data-testid="system-input"]')?.focus();
  };
  const systemInput = el('input', {
    testid: 'system-input',
    attrs: { type: 'text', placeholder: 'e.g. Salesforce CRM', 'aria-label': 'Add a system' },
  });
  systemInput.maxLength = LIMITS.short;
  systemInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addSystem(systemInput.value);
    }
  });

  const chips = el(
    'ul',
    { class: 'chips', testid: 'systems', attrs: { 'aria-label': 'Systems involved' } },
    ...d.systems.map((s, i) =>
      el(
        'li',
        { class: 'chip', testid: 'system-chip' },
        el('span', {}, s),
        button(`Remove ${s}`, () => store.update((x) => x.systems.splice(i, 1)), {
          icon: 'close',
          iconOnly: true,
          testid: `remove-system-${i}`,
        }),
      ),
    ),
  );
  const common = COMMON_SYSTEMS[d.industry].filter((s) => !d.systems.includes(s));

  return el(
    'div',
    {},
    section('Business objective', 'What should the agents achieve? Start from an example or write your own.', examples),
    field({
      label: 'Objective',
      value: d.objective,
      onInput: (v) => store.update((x) => (x.objective = v), { render: false }),
      testid: 'objective',
      multiline: true,
      rows: 4,
      maxLength: LIMITS.long,
      placeholder: 'e.g. Resolve order and return requests from chat without waiting for an agent',
      error: errors.objective,
    }),
    el('div', { class: 'field' }, el('label', { attrs: { for: industryId } }, 'Industry'), select),
    el(
      'div',
      { class: `field${errors.systems ? ' invalid' : ''}` },
      el('label', {}, 'Systems involved'),
      d.systems.length ? chips : null,
      el(
        'div',
        { class: 'row' },
        systemInput,
        button('Add system', () => addSystem(systemInput.value), {
          icon: 'add',
          secondary: true,
          testid: 'add-system',
        }),
      ),
      common.length
        ? el(
            'div',
            { class: 'quick-add' },
            el('span', { class: 'hint' }, 'Common: '),
            ...common.map((s) =>
              button(s, () => addSystem(s), { icon: 'add', secondary: true, testid: 'quick-system' }),
            ),
          )
        : null,
      groupError(errors.systems, 'systems-error'),
    ),
  );
}
