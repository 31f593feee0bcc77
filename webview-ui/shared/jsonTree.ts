/**
 * An expandable JSON tree built from text nodes: keys and values are shown as text, never parsed.
 * Deep or wide values open lazily (children are built on first expand), so a large payload costs
 * nothing until the user looks at it.
 */
import { clip, el } from './dom';

const MAX_CHILDREN = 500;
const MAX_STRING = 10_000;

function scalar(value: unknown): HTMLElement {
  if (typeof value === 'string') {
    const long = value.length > MAX_STRING;
    return el(
      'span',
      { class: 'json-string', attrs: { title: long ? `${value.length} characters` : undefined } },
      JSON.stringify(long ? value.slice(0, MAX_STRING) + '…' : value),
    );
  }
  if (typeof value === 'number') return el('span', { class: 'json-number' }, String(value));
  if (typeof value === 'boolean') return el('span', { class: 'json-boolean' }, String(value));
  if (value === null) return el('span', { class: 'json-null' }, 'null');
  return el('span', { class: 'json-null' }, String(value));
}

function preview(value: object): string {
  if (Array.isArray(value)) return `Array(${value.length})`;
  const keys = Object.keys(value);
  return clip(`{ ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''} }`, 80);
}

function node(key: string | undefined, value: unknown, depth: number, openDepth: number): HTMLElement {
  const label =
    key === undefined
      ? null
      : el(
          'span',
          { class: 'json-key', attrs: { title: key.length > 200 ? clip(key, 1000) : undefined } },
          `${clip(key, 200)}: `,
        );
  if (typeof value !== 'object' || value === null) return el('div', { class: 'json-leaf' }, label, scalar(value));
  const details = el('details', { class: 'json-node' });
  const summary = el('summary', {}, label, el('span', { class: 'json-preview' }, preview(value)));
  details.append(summary);
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    const body = el('div', { class: 'json-children' });
    for (const [k, v] of entries.slice(0, MAX_CHILDREN)) body.append(node(k, v, depth + 1, openDepth));
    if (entries.length > MAX_CHILDREN)
      body.append(el('div', { class: 'json-more' }, `… ${entries.length - MAX_CHILDREN} more`));
    details.append(body);
  };
  details.addEventListener('toggle', () => details.open && build());
  if (depth < openDepth) {
    details.open = true;
    build();
  }
  return details;
}

/** A tree of `value`, open `openDepth` levels deep. */
export function jsonTree(value: unknown, openDepth = 1): HTMLElement {
  return el('div', { class: 'json-tree' }, node(undefined, value, 0, openDepth));
}
