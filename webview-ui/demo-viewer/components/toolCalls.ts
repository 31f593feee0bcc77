/**
 * Every tool call: name, agent, status and duration, with its input, output or error. A failed
 * call opens expanded (its traceback folded to the user's frames); each has an Inspect button.
 * Follows the timeline's filters.
 */
import type { Span } from '../../../src/domain/spans';
import { button, clip, el, formatDuration, icon, replaceChildren } from '../../shared/dom';
import { jsonTree } from '../../shared/jsonTree';
import { PagedLimit } from './pagedLimit';
import { tracebackView } from './tracebackView';

const STATUS_ICON: Record<Span['status'], string> = { running: 'loading', ok: 'pass', error: 'error' };

export interface ToolCallsOptions {
  onInspect(span: Span, from: HTMLElement): void;
  /** The label of the agent a span belongs to. */
  agentLabel(span: Span): string | undefined;
}

export class ToolCalls {
  readonly element = el('div', { class: 'tool-calls' });
  /** Calls the user opened stay open across redraws, and failed ones the user closed stay closed. */
  private readonly open = new Set<string>();
  private readonly closed = new Set<string>();
  private readonly page = new PagedLimit('tool calls', () => this.last && this.render(...this.last));
  private last: [Iterable<Span>, ((s: Span) => boolean) | undefined, boolean] | undefined;
  private ended = false;

  constructor(private readonly options: ToolCallsOptions) {}

  /** Back to the first page of calls (a different run is shown). */
  resetPage(): void {
    this.page.reset();
    this.open.clear();
    this.closed.clear();
  }

  /** `ended`: the run is over, so calls still open are shown as unfinished. */
  render(spans: Iterable<Span>, visible?: (s: Span) => boolean, ended = false): number {
    this.ended = ended;
    const tools = [...spans]
      .filter((s) => s.kind === 'tool' && (!visible || visible(s)))
      .sort((a, b) => a.start - b.start);
    this.last = [tools, visible, ended];
    const shown = tools.slice(0, this.page.count).map((s) => this.card(s));
    if (!shown.length)
      replaceChildren(
        this.element,
        el('p', { class: 'empty' }, visible ? 'No tool call matches the filters.' : 'No tool calls yet.'),
      );
    else replaceChildren(this.element, ...shown, this.page.footer(tools.length));
    return tools.length;
  }

  private card(s: Span): HTMLElement {
    const details = el('details', {
      class: `tool-call status-${s.status}`,
      testid: 'tool-call',
      attrs: { 'data-tool': clip(s.name, 200), 'data-span': clip(s.id, 200) },
    });
    const agent = this.options.agentLabel(s);
    const inspect = button('Inspect', () => undefined, {
      icon: 'inspect',
      iconOnly: true,
      secondary: true,
      testid: 'tool-inspect',
      title: `Inspect ${clip(s.name, 80)}`,
    });
    // The button sits in the summary: its click must not also open or close the card.
    inspect.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      this.options.onInspect(s, inspect);
    });
    const summary = el(
      'summary',
      { attrs: { title: clip(s.name, 1000) } },
      icon(STATUS_ICON[s.status], s.status),
      el('span', { class: 'tool-name' }, clip(s.name, 80)),
      agent ? el('span', { class: 'tool-agent', attrs: { title: clip(agent, 1000) } }, clip(agent, 60)) : null,
      el(
        'span',
        { class: 'tool-duration' },
        s.end !== undefined ? formatDuration(s.end - s.start) : this.ended ? 'did not finish' : 'running',
      ),
      inspect,
    );
    details.append(summary);
    // The body is built when first opened: a long run has hundreds of calls.
    let built = false;
    const build = () => {
      if (built) return;
      built = true;
      details.append(this.body(s));
    };
    const failed = s.status === 'error';
    details.addEventListener('toggle', () => {
      if (details.open) {
        build();
        this.open.add(s.id);
        this.closed.delete(s.id);
      } else {
        this.open.delete(s.id);
        if (failed) this.closed.add(s.id);
      }
    });
    if (this.open.has(s.id) || (failed && !this.closed.has(s.id))) {
      build();
      details.open = true;
    }
    return details;
  }

  private body(s: Span): HTMLElement {
    return el(
      'div',
      { class: 'tool-body' },
      el(
        'div',
        { class: 'tool-part' },
        el('h4', {}, 'Input'),
        s.input === undefined ? el('span', { class: 'empty' }, 'none') : jsonTree(s.input, 1),
      ),
      s.error
        ? el(
            'div',
            { class: 'tool-part error' },
            el('h4', {}, 'Error'),
            el('div', { class: 'error-type' }, clip(s.error.type, 200)),
            el('div', {}, clip(s.error.message, 10_000)),
            s.error.traceback ? tracebackView(s.error.traceback) : null,
          )
        : el(
            'div',
            { class: 'tool-part' },
            el('h4', {}, 'Output'),
            s.output === undefined
              ? el('span', { class: 'empty' }, s.status === 'running' ? 'waiting…' : 'none')
              : jsonTree(s.output, 1),
          ),
    );
  }
}
