/**
 * Small DOM builders shared by the webviews. Text goes in through text nodes only: nothing a
 * user, a model or a workflow wrote is ever parsed as HTML.
 */

export type Child = Node | string | number | null | undefined | false;
export interface Props {
  class?: string;
  testid?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (e: HTMLElementEventMap[K]) => void }>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.testid) node.dataset.testid = props.testid;
  setAttrs(node, props.attrs);
  for (const [type, fn] of Object.entries(props.on ?? {})) node.addEventListener(type, fn as EventListener);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | undefined> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node: Element, attrs: Props['attrs']): void {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(node: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces all children. */
export function replaceChildren(node: Element, ...children: Child[]): void {
  node.textContent = '';
  append(node, children);
}

/** A codicon, decorative unless given a label. */
export function icon(name: string, label?: string): HTMLSpanElement {
  return el('span', {
    class: `codicon codicon-${name}`,
    attrs: label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': 'true' },
  });
}

export interface ButtonOptions {
  icon?: string;
  secondary?: boolean;
  testid?: string;
  title?: string;
  iconOnly?: boolean;
  disabled?: boolean;
}

export function button(label: string, onClick: () => void, opts: ButtonOptions = {}): HTMLButtonElement {
  const b = el(
    'button',
    {
      class: `btn${opts.secondary ? ' secondary' : ''}${opts.iconOnly ? ' icon-only' : ''}`,
      testid: opts.testid,
      attrs: {
        type: 'button',
        title: opts.title ?? (opts.iconOnly ? label : undefined),
        'aria-label': opts.iconOnly ? label : undefined,
      },
      on: { click: () => onClick() },
    },
    opts.icon ? icon(opts.icon) : null,
    opts.iconOnly ? null : el('span', {}, label),
  );
  b.disabled = !!opts.disabled;
  return b;
}

/** Shortens text for a one-line preview; the full text stays available elsewhere. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One way of writing durations in the extension and its webviews. */
export { formatDuration } from '../../src/domain/runDuration';

export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Text for a hover (title attribute): long values are cut too, the inspector shows them whole. */
export function hover(text: string | undefined, max = 1000): string | undefined {
  return text === undefined ? undefined : clip(text, max);
}
