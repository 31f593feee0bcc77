/**
 * The wizard's form pieces on top of the shared DOM builders: labelled fields with hints and
 * inline errors, sections, list-as-lines helpers. Text goes in through text nodes and form values
 * only: nothing the user or the assistant wrote is ever parsed as HTML.
 */

import { el, icon, type Child } from '../shared/dom';

// The shared builders, so the wizard's views import one module.
export { append, button, clip, el, icon, svg } from '../shared/dom';

let nextId = 0;
export const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(nextId++).toString(36)}`;

export interface FieldOptions {
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** When the user leaves a changed field (re-render what shows the value elsewhere, e.g. the graph). */
  onChange?: () => void;
  testid: string;
  multiline?: boolean;
  rows?: number;
  maxLength: number;
  placeholder?: string;
  hint?: string;
  error?: string;
  monospace?: boolean;
}

/**
 * Whether a pointer is pressed. Pressing a button moves focus first, so an edited field reports its
 * change (and re-renders) between press and release: the release would then land on a replaced
 * copy of the button and the browser drops the click. Such a re-render waits for the release.
 */
let pressed = false;
const release: (() => void)[] = [];
window.addEventListener('pointerdown', () => (pressed = true), true);
for (const type of ['pointerup', 'pointercancel']) {
  window.addEventListener(
    type,
    () => {
      pressed = false;
      // The click follows the release in the same task, so work queued from here runs after it.
      for (const fn of release.splice(0)) fn();
    },
    true,
  );
}

function afterPress(fn: () => void): void {
  if (pressed) release.push(fn);
  else fn();
}

/** A labelled input or textarea with its hint and inline error, wired for screen readers. */
export function field(o: FieldOptions): HTMLElement {
  const id = uid('f');
  const input = o.multiline
    ? el('textarea', { attrs: { rows: String(o.rows ?? 3) } })
    : el('input', { attrs: { type: 'text' } });
  input.id = id;
  input.value = o.value;
  input.maxLength = o.maxLength;
  input.dataset.testid = o.testid;
  if (o.placeholder) input.placeholder = o.placeholder;
  if (o.monospace) input.classList.add('mono');
  input.addEventListener('input', () => o.onInput(input.value));
  // Deferred until focus has moved on, so the re-render restores focus to where the user went.
  if (o.onChange) input.addEventListener('change', () => afterPress(() => setTimeout(o.onChange!, 0)));
  const described: string[] = [];
  const hint = o.hint ? el('div', { class: 'hint', attrs: { id: `${id}-hint` } }, o.hint) : null;
  if (hint) described.push(hint.id);
  const error = o.error
    ? el(
        'div',
        { class: 'error', testid: `${o.testid}-error`, attrs: { id: `${id}-error`, role: 'alert' } },
        icon('error'),
        ' ',
        o.error,
      )
    : null;
  if (error) {
    described.push(error.id);
    input.setAttribute('aria-invalid', 'true');
  }
  if (described.length) input.setAttribute('aria-describedby', described.join(' '));
  return el(
    'div',
    { class: `field${o.error ? ' invalid' : ''}` },
    el('label', { attrs: { for: id } }, o.label),
    input,
    hint,
    error,
  );
}

/** An inline error for a group of controls (not one input). */
export function groupError(message: string | undefined, testid: string): HTMLElement | null {
  return message
    ? el('div', { class: 'error', testid, attrs: { role: 'alert', tabindex: '-1' } }, icon('error'), ' ', message)
    : null;
}

export function section(title: string, description: string, ...children: Child[]): HTMLElement {
  return el(
    'section',
    { class: 'step-section' },
    el('h2', {}, title),
    el('p', { class: 'description' }, description),
    ...children,
  );
}

/** Lines of a textarea ↔ a list of items. */
export const toLines = (text: string) => text.split('\n');
export const fromLines = (items: string[]) => items.join('\n');
export const nonEmpty = (items: string[]) => items.map((s) => s.trim()).filter(Boolean);
