/** Errors the user must act on (table missing, no credentials, a failed run…) with the next step. */
import type { ViewerError } from '../../../src/protocol/demoViewer';
import { button, el, icon, replaceChildren } from '../../shared/dom';

export class ErrorBanner {
  readonly element = el('div', { class: 'banners' });
  private errors: ViewerError[] = [];

  show(error: ViewerError): void {
    // The same error from two sources is shown once.
    if (this.errors.some((e) => e.code === error.code && e.message === error.message)) return;
    this.errors = [...this.errors.slice(-2), error];
    this.render();
  }

  clear(): void {
    this.errors = [];
    this.render();
  }

  private render(): void {
    replaceChildren(
      this.element,
      ...this.errors.map((error, i) =>
        el(
          'div',
          { class: 'error-banner', testid: 'error-banner', attrs: { role: 'alert' } },
          icon('error'),
          el(
            'div',
            { class: 'error-text' },
            el('div', { class: 'error-message' }, error.message),
            error.hint ? el('div', { class: 'error-hint' }, error.hint) : null,
            el('div', { class: 'error-code' }, error.code),
          ),
          button(
            'Dismiss',
            () => {
              this.errors = this.errors.filter((_, j) => j !== i);
              this.render();
            },
            { icon: 'close', iconOnly: true, secondary: true },
          ),
        ),
      ),
    );
  }
}
