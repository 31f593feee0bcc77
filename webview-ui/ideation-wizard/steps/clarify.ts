/** Step 2: the assistant's follow-up questions; the user accepts a suggested answer or writes one. */
import { LIMITS } from '../../../src/protocol/ideationWizard';
import { button, el, field, groupError, section, uid } from '../dom';
import type { StepContext } from './context';

export function renderClarify({ store, assistant }: StepContext): HTMLElement {
  const d = store.design;
  const errors = store.view.errors;
  const items = d.clarifications.map((c, i) =>
    el(
      'li',
      { class: 'card', testid: 'clarification' },
      field({
        label: `Question ${i + 1}`,
        value: c.question,
        onInput: (v) => store.update((x) => (x.clarifications[i].question = v), { render: false }),
        testid: `question-${i}`,
        maxLength: LIMITS.long,
        error: errors[`question-${i}`],
      }),
      c.suggestion
        ? el(
            'div',
            { class: 'suggested-answer' },
            el('span', { class: 'hint' }, 'Suggested answer: '),
            el('span', { testid: `suggested-${i}` }, c.suggestion),
            button(
              'Use suggestion',
              () => store.update((x) => (x.clarifications[i].answer = x.clarifications[i].suggestion)),
              { icon: 'check', secondary: true, testid: `use-suggestion-${i}` },
            ),
          )
        : null,
      field({
        label: 'Your answer',
        value: c.answer,
        onInput: (v) => store.update((x) => (x.clarifications[i].answer = v), { render: false }),
        testid: `answer-${i}`,
        multiline: true,
        rows: 2,
        maxLength: LIMITS.long,
        error: errors[`answer-${i}`],
      }),
      el(
        'div',
        { class: 'row end' },
        button('Remove question', () => store.update((x) => x.clarifications.splice(i, 1)), {
          icon: 'trash',
          secondary: true,
          testid: `remove-question-${i}`,
        }),
      ),
    ),
  );
  const unanswered = d.clarifications.filter((c) => !c.answer.trim() && c.suggestion).length;
  return el(
    'div',
    {},
    section(
      'Clarify',
      'The assistant asks what the design still leaves open. Accept its suggested answers or write your own.',
    ),
    assistant.render('clarify', d.clarifications.length ? 'Ask again' : 'Ask follow-up questions'),
    unanswered
      ? el(
          'div',
          { class: 'row' },
          button(
            `Accept all ${unanswered} suggested answers`,
            () => store.update((x) => x.clarifications.forEach((c) => (c.answer ||= c.suggestion))),
            { icon: 'check-all', testid: 'accept-all-answers' },
          ),
        )
      : null,
    el('ol', { class: 'cards', testid: 'clarifications' }, ...items),
    groupError(errors.clarifications, 'clarifications-error'),
    button(
      'Add your own question',
      () => store.update((x) => x.clarifications.push({ id: uid('q'), question: '', answer: '', suggestion: '' })),
      { icon: 'add', secondary: true, testid: 'add-question' },
    ),
  );
}
