/**
 * A virtualised list of fixed-height rows: only the rows in view (plus a small margin) exist in
 * the DOM, so 100,000 items cost as much as 30. Items are held by reference; rows are rebuilt by
 * the caller's `renderRow` whenever they scroll into view or the list changes. Keyboard: arrows,
 * Page Up/Down, Home/End move the active row; Enter/Space activate it.
 */
import { el } from './dom';

export interface VirtualListOptions<T> {
  rowHeight: number;
  renderRow(item: T, index: number): HTMLElement;
  /** The user activated a row (click, Enter or Space). */
  onActivate?(item: T, index: number): void;
  label: string;
  testid?: string;
  overscan?: number;
}

export class VirtualList<T> {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsBox: HTMLElement;
  private items: readonly T[] = [];
  private active = -1;
  private frame = 0;
  private rendered = { from: -1, to: -1, version: -1 };
  private version = 0;
  /** Keep the last row in view while new rows arrive, unless the user scrolled up. */
  private followTail = true;

  constructor(private readonly options: VirtualListOptions<T>) {
    this.spacer = el('div', { class: 'vlist-spacer' });
    this.rowsBox = el('div', { class: 'vlist-rows', attrs: { role: 'presentation' } });
    this.element = el(
      'div',
      {
        class: 'vlist',
        testid: options.testid,
        attrs: { role: 'listbox', tabindex: 0, 'aria-label': options.label },
        on: {
          scroll: () => {
            this.followTail =
              this.element.scrollTop + this.element.clientHeight >= this.element.scrollHeight - options.rowHeight;
            this.schedule();
          },
          keydown: (e) => this.onKey(e),
          click: (e) => this.onClick(e),
        },
      },
      this.spacer,
    );
    this.spacer.append(this.rowsBox);
  }

  get length(): number {
    return this.items.length;
  }

  get activeIndex(): number {
    return this.active;
  }

  /** Replaces the items (the array is read, not copied: call refresh() after mutating it). */
  setItems(items: readonly T[]): void {
    this.items = items;
    if (this.active >= items.length) this.active = items.length - 1;
    this.refresh();
  }

  /** The items changed in place (appended or inserted). */
  refresh(): void {
    this.version++;
    this.spacer.style.height = `${this.items.length * this.options.rowHeight}px`;
    if (this.followTail) this.element.scrollTop = this.element.scrollHeight;
    this.schedule();
  }

  /** Renders now (tests and the first paint should not wait a frame). */
  flush(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.render();
  }

  scrollToIndex(index: number): void {
    const { rowHeight } = this.options;
    const top = index * rowHeight;
    const view = this.element;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (top + rowHeight > view.scrollTop + view.clientHeight) view.scrollTop = top + rowHeight - view.clientHeight;
    this.render();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const { rowHeight, overscan = 8 } = this.options;
    const height = this.element.clientHeight || 400;
    const from = Math.max(0, Math.floor(this.element.scrollTop / rowHeight) - overscan);
    const to = Math.min(this.items.length, Math.ceil((this.element.scrollTop + height) / rowHeight) + overscan);
    if (from === this.rendered.from && to === this.rendered.to && this.version === this.rendered.version) return;
    this.rendered = { from, to, version: this.version };
    const fragment = document.createDocumentFragment();
    for (let i = from; i < to; i++) {
      const row = this.options.renderRow(this.items[i], i);
      row.style.top = `${i * rowHeight}px`;
      row.style.height = `${rowHeight}px`;
      row.classList.add('vlist-row');
      row.dataset.index = String(i);
      row.id = `vrow-${i}`;
      row.setAttribute('role', 'option');
      row.setAttribute('aria-selected', String(i === this.active));
      row.setAttribute('aria-posinset', String(i + 1));
      row.setAttribute('aria-setsize', String(this.items.length));
      if (i === this.active) row.classList.add('active');
      fragment.append(row);
    }
    this.rowsBox.replaceChildren(fragment);
    if (this.active >= from && this.active < to)
      this.element.setAttribute('aria-activedescendant', `vrow-${this.active}`);
    else this.element.removeAttribute('aria-activedescendant');
  }

  private setActive(index: number): void {
    if (!this.items.length) return;
    this.active = Math.max(0, Math.min(this.items.length - 1, index));
    this.followTail = this.active === this.items.length - 1;
    this.version++;
    this.scrollToIndex(this.active);
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.element.clientHeight / this.options.rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) this.setActive((this.active < 0 ? 0 : this.active) + (this.active < 0 ? 0 : moves[e.key]));
    else if (e.key === 'Home') this.setActive(0);
    else if (e.key === 'End') this.setActive(this.items.length - 1);
    else if ((e.key === 'Enter' || e.key === ' ') && this.active >= 0)
      this.options.onActivate?.(this.items[this.active], this.active);
    else return;
    e.preventDefault();
  }

  private onClick(e: MouseEvent): void {
    const row = (e.target as Element).closest<HTMLElement>('.vlist-row');
    if (!row) return;
    const index = Number(row.dataset.index);
    this.setActive(index);
    this.options.onActivate?.(this.items[index], index);
  }
}
