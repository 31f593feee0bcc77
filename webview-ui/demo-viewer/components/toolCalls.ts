/** Every tool call: name, agent, status and duration, with its input, output or error as JSON trees. */
import type { Span } from '../../../src/export/spans';
import { clip, el, formatDuration, icon, replaceChildren } from '../../shared/dom';
import { jsonTree } from '../../shared/jsonTree';
import { PagedLimit } from './pagedLimit';

const STATUS_ICON: Record<Span['status'], string> = { running: 'loading', ok: 'pass', error: 'error' };

export class ToolCalls {
  readonly element = el('div', { class: 'tool-calls' });
  /** Calls the user opened stay open across redraws. */
  private readonly open = new Set<string>();
  private readonly page = new PagedLimit('tool calls', () => this.last && this.render(this.last));
  private last: Span[] | undefined;

  /** Back to the first page of calls (a different run is shown). */
  resetPage(): void {
    this.page.reset();
  }

  render(spans: Iterable<Span>): number {
    const tools = [...spans].filter((s) => s.kind === 'tool').sort((a, b) => a.start - b.start);
    this.last = tools;
    const shown = tools.slice(0, this.page.count).map((s) => this.card(s));
    if (!shown.length) replaceChildren(this.element, el('p', { class: 'empty' }, 'No tool calls yet.'));
    else replaceChildren(this.element, ...shown, this.page.footer(tools.length));
    return tools.length;
  }

  private card(s: Span): HTMLElement {
    const details = el('details', { class: `tool-call status-${s.status}`, testid: 'tool-call', attrs: { 'data-tool': s.name } });
    const summary = el(
      'summary',
      {},
      icon(STATUS_ICON[s.status], s.status),
      el('span', { class: 'tool-name' }, clip(s.name, 80)),
      s.agent ? el('span', { class: 'tool-agent' }, clip(s.agent, 60)) : null,
      el('span', { class: 'tool-duration' }, s.end !== undefined ? formatDuration(s.end - s.start) : 'running'),
    );
    details.append(summary);
    // The body (two JSON trees) is built when first opened: a long run has hundreds of calls.
    let built = false;
    const build = () => {
      if (built) return;
      built = true;
      details.append(this.body(s));
    };
    details.addEventListener('toggle', () => {
      if (details.open) {
        build();
        this.open.add(s.id);
      } else this.open.delete(s.id);
    });
    if (this.open.has(s.id)) {
      build();
      details.open = true;
    }
    return details;
  }

  private body(s: Span): HTMLElement {
    return el(
      'div',
      { class: 'tool-body' },
      el('div', { class: 'tool-part' }, el('h4', {}, 'Input'), s.input === undefined ? el('span', { class: 'empty' }, 'none') : jsonTree(s.input, 1)),
      s.error
        ? el('div', { class: 'tool-part error' }, el('h4', {}, 'Error'), el('div', { class: 'error-type' }, s.error.type), el('div', {}, s.error.message), s.error.traceback ? el('pre', { class: 'traceback' }, s.error.traceback) : null)
        : el('div', { class: 'tool-part' }, el('h4', {}, 'Output'), s.output === undefined ? el('span', { class: 'empty' }, s.status === 'running' ? 'waiting…' : 'none') : jsonTree(s.output, 1)),
    );
  }
}
