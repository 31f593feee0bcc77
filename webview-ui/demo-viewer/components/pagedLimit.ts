/**
 * How many rows a long list (span tree, tool calls) draws: a first page, and a "Show more" button
 * for the next. A 10,000-event run has thousands of spans; drawing them all would slow every
 * redraw, while the timeline (virtualised) and its filters reach any event at once.
 */
import { button, el } from '../../shared/dom';

const PAGE = 100;

export class PagedLimit {
  private limit = PAGE;

  constructor(
    private readonly noun: string,
    private readonly redraw: () => void,
  ) {}

  get count(): number {
    return this.limit;
  }

  /** Back to the first page (a different run is shown). */
  reset(): void {
    this.limit = PAGE;
  }

  /** The note and button after the shown rows, or null when all are shown. */
  footer(total: number): HTMLElement | null {
    const hidden = total - this.limit;
    if (hidden <= 0) return null;
    return el(
      'div',
      { class: 'more' },
      el('span', {}, `${hidden} more ${this.noun}`),
      button(
        `Show ${Math.min(PAGE, hidden)} more`,
        () => {
          this.limit += PAGE;
          this.redraw();
        },
        { secondary: true, testid: `more-${this.noun.replace(/\s+/g, '-')}` },
      ),
    );
  }
}
