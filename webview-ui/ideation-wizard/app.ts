/**
 * The wizard's frame: step indicator, the current step, Back / Next. Moving forward validates the
 * step and shows what is missing next to the field (focus goes to the first problem); the step
 * indicator jumps back freely and forward only across complete steps.
 */
import { STEPS, StepId } from '../../src/protocol/ideationWizard';
import { button, el, icon } from './dom';
import { STEP_TITLES } from './stepTitles';
import { renderClarify } from './steps/clarify';
import type { StepContext } from './steps/context';
import { renderDemo } from './steps/demo';
import { renderGuardrails } from './steps/guardrails';
import { renderMockData } from './steps/mockData';
import { renderObjective } from './steps/objective';
import { renderOutcomes } from './steps/outcomes';
import { renderReview } from './steps/review';
import { renderTeam } from './steps/team';
import { hasErrors, validateStep } from './validation';

const VIEWS: Record<StepId, (ctx: StepContext) => HTMLElement> = {
  objective: renderObjective,
  clarify: renderClarify,
  outcomes: renderOutcomes,
  guardrails: renderGuardrails,
  team: renderTeam,
  mockData: renderMockData,
  demo: renderDemo,
  review: renderReview,
};

export class WizardApp {
  private focusAfterRender: 'content' | 'error' | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly ctx: StepContext,
  ) {
    ctx.store.subscribe(() => this.render());
  }

  /** Moves to `target`, checking every step on the way; stops at the first incomplete one. */
  go(target: StepId): void {
    const store = this.ctx.store;
    const from = store.stepIndex;
    const to = STEPS.indexOf(target);
    for (let i = from; i < to; i++) {
      const errors = validateStep(STEPS[i], store.design);
      if (hasErrors(errors)) {
        this.focusAfterRender = 'error';
        if (i !== from) store.goTo(STEPS[i]);
        store.setView({ errors });
        return;
      }
    }
    this.focusAfterRender = 'content';
    store.goTo(target);
  }

  render(): void {
    const store = this.ctx.store;
    const active = document.activeElement as HTMLElement | null;
    const activeTestId = active?.dataset?.testid;
    const selection =
      active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement
        ? [active.selectionStart, active.selectionEnd]
        : undefined;
    const index = store.stepIndex;
    const step = store.state.step;
    if (hasErrors(store.view.errors)) {
      // Messages go away as the user fixes what they point at; new ones appear only on Next.
      const now = validateStep(step, store.design);
      store.view.errors = Object.fromEntries(Object.entries(now).filter(([key]) => key in store.view.errors));
    }

    const indicator = el(
      'ol',
      { class: 'steps', testid: 'step-indicator' },
      ...STEPS.map((s, i) => {
        // A tick only for a step that is complete, not merely passed.
        const done =
          i !== index && i <= store.view.reached && i < STEPS.length - 1 && !hasErrors(validateStep(s, store.design));
        return el(
          'li',
          { class: `${i === index ? 'current' : ''}${done ? ' done' : ''}` },
          el(
            'button',
            {
              testid: `step-${s}`,
              attrs: { type: 'button', 'aria-current': i === index ? 'step' : undefined, title: STEP_TITLES[s] },
              on: { click: () => this.go(s) },
            },
            el('span', { class: 'step-number' }, done ? icon('check') : String(i + 1)),
            el('span', { class: 'step-title' }, STEP_TITLES[s]),
          ),
        );
      }),
    );
    const content = el(
      'main',
      { class: 'content', testid: `content-${step}`, attrs: { tabindex: '-1', 'aria-labelledby': 'step-heading' } },
      VIEWS[step](this.ctx),
    );
    const heading = content.querySelector('h2');
    if (heading) heading.id = 'step-heading';
    const errorCount = Object.keys(store.view.errors).length;
    const footer = el(
      'footer',
      { class: 'nav' },
      button('Back', () => this.go(STEPS[index - 1]), {
        icon: 'arrow-left',
        secondary: true,
        testid: 'back',
        disabled: index === 0,
      }),
      el('span', { class: 'step-count', testid: 'step-count' }, `Step ${index + 1} of ${STEPS.length}`),
      errorCount
        ? el(
            'span',
            { class: 'error summary', testid: 'error-summary', attrs: { role: 'alert' } },
            icon('error'),
            ` ${errorCount === 1 ? '1 thing needs' : `${errorCount} things need`} your attention before you continue.`,
          )
        : null,
      index < STEPS.length - 1
        ? button('Next', () => this.go(STEPS[index + 1]), { icon: 'arrow-right', testid: 'next' })
        : null,
    );
    this.root.replaceChildren(
      el('header', { class: 'top' }, el('h1', {}, icon('lightbulb'), ' Agentify Ideation Wizard')),
      el('nav', { attrs: { 'aria-label': 'Wizard steps' } }, indicator),
      content,
      footer,
    );

    const focus = this.focusAfterRender;
    this.focusAfterRender = undefined;
    if (focus === 'error')
      (
        this.root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.root.querySelector<HTMLElement>('.error')
      )?.focus();
    else if (focus === 'content') content.focus();
    else if (activeTestId) {
      // Re-rendering replaced the focused control: put focus and the caret back where they were.
      const again = this.root.querySelector<HTMLElement>(`[data-testid="${CSS.escape(activeTestId)}"]`);
      again?.focus();
      if (selection && (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement))
        again.setSelectionRange(selection[0], selection[1]);
    }
  }
}
