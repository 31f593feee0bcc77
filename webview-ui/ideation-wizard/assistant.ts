/**
 * The assistant box on a step: asks the host for a suggestion, shows the answer as it streams in,
 * then offers Accept or Dismiss. Says which assistant answered and, when Bedrock failed, why the
 * offline one answered instead.
 */
import { AssistantTokenNotification, SuggestRequest, SuggestStep } from '../../src/protocol/ideationWizard';
import type { HostBridge } from '../shared/hostBridge';
import { button, el, icon, uid } from './dom';
import type { WizardStore } from './store';
import { applySuggestion, renderSuggestion } from './suggestions';

export class AssistantController {
  constructor(
    private readonly store: WizardStore,
    private readonly bridge: HostBridge,
  ) {
    bridge.onNotification(AssistantTokenNotification, ({ requestId, text }) => {
      const run = this.store.view.assistant;
      if (!run || run.requestId !== requestId || !run.busy) return;
      run.text += text;
      // Only the stream's text node changes: re-rendering the step would steal focus.
      const out = document.querySelector<HTMLElement>('[data-testid="assistant-output"]');
      if (out) out.textContent = run.text;
    });
  }

  async ask(step: SuggestStep): Promise<void> {
    const requestId = uid('req');
    this.store.setView({ assistant: { step, requestId, text: '', busy: true } });
    try {
      const result = await this.bridge.sendRequest(SuggestRequest, { requestId, step, design: this.store.design });
      const run = this.store.view.assistant;
      if (run?.requestId !== requestId) return;
      this.store.setView({
        assistant: { ...run, busy: false, suggestion: result.suggestion, source: result.source, notice: result.notice },
      });
    } catch (err) {
      const run = this.store.view.assistant;
      if (run?.requestId !== requestId) return;
      this.store.setView({ assistant: { ...run, busy: false, error: (err as Error).message } });
    }
  }

  accept(): void {
    const suggestion = this.store.view.assistant?.suggestion;
    if (!suggestion) return;
    this.store.view.assistant = undefined;
    this.store.view.errors = {};
    this.store.update((d) => applySuggestion(d, suggestion));
  }

  render(step: SuggestStep, askLabel: string): HTMLElement {
    const info = this.store.view.assistantInfo;
    const run = this.store.view.assistant?.step === step ? this.store.view.assistant : undefined;
    const who = info.kind === 'bedrock' ? `Amazon Bedrock (${info.modelId ?? 'model'})` : 'Offline assistant';
    const box = el(
      'div',
      { class: 'assistant', testid: 'assistant', attrs: { 'aria-live': 'polite' } },
      el(
        'div',
        { class: 'assistant-head' },
        icon('sparkle'),
        el('span', { class: 'assistant-who', testid: 'assistant-kind' }, who),
        button(askLabel, () => void this.ask(step), {
          icon: 'lightbulb',
          testid: 'assistant-ask',
          disabled: run?.busy,
        }),
      ),
    );
    if (!run) return box;
    if (run.busy || run.text)
      box.append(el('pre', { class: 'assistant-output', testid: 'assistant-output' }, run.text || 'Thinking…'));
    if (run.notice)
      box.append(
        el(
          'div',
          { class: 'notice', testid: 'assistant-notice', attrs: { role: 'status' } },
          icon('warning'),
          ' ',
          run.notice,
        ),
      );
    if (run.error)
      box.append(
        el(
          'div',
          { class: 'error', testid: 'assistant-error', attrs: { role: 'alert' } },
          icon('error'),
          ' ',
          run.error,
        ),
      );
    if (run.suggestion) {
      box.append(
        el(
          'div',
          { class: 'assistant-source' },
          run.source === 'bedrock' ? 'Suggested by Amazon Bedrock' : 'Suggested by the offline assistant',
        ),
        renderSuggestion(run.suggestion),
        el(
          'div',
          { class: 'row' },
          button('Accept suggestion', () => this.accept(), { icon: 'check', testid: 'assistant-accept' }),
          button('Dismiss', () => this.store.setView({ assistant: undefined }), {
            icon: 'close',
            secondary: true,
            testid: 'assistant-dismiss',
          }),
        ),
      );
    }
    return box;
  }
}
