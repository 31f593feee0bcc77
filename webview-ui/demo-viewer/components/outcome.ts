/**
 * The run's result: Markdown rendered from its token stream (no HTML parsed), or JSON as a tree,
 * with Copy; or the error with its type, message and traceback.
 */
import type { AgentifyEvent } from '../../../src/events/types';
import { button, el, icon, replaceChildren } from '../../shared/dom';
import { jsonTree } from '../../shared/jsonTree';
import { renderMarkdown } from '../../shared/markdown';

export class Outcome {
  readonly element = el('div', { class: 'outcome', testid: 'outcome' });
  private shown: { terminal: AgentifyEvent | undefined; running: boolean } | undefined;

  constructor(private readonly onCopy: (text: string) => void) {}

  render(terminal: AgentifyEvent | undefined, running: boolean): void {
    if (this.shown && this.shown.terminal === terminal && this.shown.running === running) return;
    this.shown = { terminal, running };
    if (!terminal) {
      replaceChildren(this.element);
      this.element.append(
        el(
          'p',
          { class: 'empty' },
          running
            ? 'The result appears here when the run completes.'
            : 'No result yet: run the workflow or open a past run.',
        ),
      );
      return;
    }
    const p = terminal.payload;
    if (terminal.event_type === 'workflow_error') {
      const error = p.error ?? {
        type: 'Error',
        message: typeof p.message === 'string' ? p.message : 'The workflow failed.',
      };
      replaceChildren(
        this.element,
        el(
          'div',
          { class: 'outcome-error', attrs: { role: 'alert' } },
          el(
            'div',
            { class: 'error-title' },
            icon('error'),
            el('span', { class: 'error-type' }, error.type),
            el('span', {}, error.message),
          ),
          error.traceback ? el('pre', { class: 'traceback' }, error.traceback) : null,
        ),
        el(
          'div',
          { class: 'outcome-actions' },
          button(
            'Copy error',
            () => this.onCopy(`${error.type}: ${error.message}${error.traceback ? `\n${error.traceback}` : ''}`),
            { icon: 'copy', secondary: true },
          ),
        ),
      );
      return;
    }
    const result = p.result !== undefined ? p.result : p.output;
    const text = typeof result === 'string' ? result : (JSON.stringify(result, null, 2) ?? '');
    replaceChildren(
      this.element,
      typeof result === 'string'
        ? renderMarkdown(result)
        : result === undefined
          ? el('p', { class: 'empty' }, 'The run completed without a result.')
          : jsonTree(result, 2),
      el(
        'div',
        { class: 'outcome-actions' },
        button('Copy', () => this.onCopy(text), {
          icon: 'copy',
          secondary: true,
          title: 'Copy the result to the clipboard',
        }),
      ),
    );
  }
}
