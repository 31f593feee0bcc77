/** A titled, collapsible card; whether it is collapsed is part of the saved UI state. */
import { el, icon } from '../../shared/dom';

export interface Section {
  element: HTMLElement;
  body: HTMLElement;
  actions: HTMLElement;
  setCount(text: string): void;
}

export function section(
  id: string,
  title: string,
  iconName: string,
  collapsed: boolean,
  onToggle: (id: string, collapsed: boolean) => void,
): Section {
  const body = el('div', { class: 'section-body', attrs: { id: `section-${id}` } });
  const count = el('span', { class: 'section-count' });
  const actions = el('div', { class: 'section-actions' });
  const toggle = el(
    'button',
    {
      class: 'section-toggle',
      attrs: { type: 'button', 'aria-expanded': String(!collapsed), 'aria-controls': `section-${id}` },
    },
    icon(collapsed ? 'chevron-right' : 'chevron-down'),
    icon(iconName),
    el('span', { class: 'section-title' }, title),
    count,
  );
  const element = el(
    'section',
    { class: `card section-${id}${collapsed ? ' collapsed' : ''}`, attrs: { 'aria-label': title } },
    el('header', { class: 'section-header' }, toggle, actions),
    body,
  );
  toggle.addEventListener('click', () => {
    const now = !element.classList.contains('collapsed');
    element.classList.toggle('collapsed', now);
    toggle.setAttribute('aria-expanded', String(!now));
    toggle.firstElementChild!.className = `codicon codicon-${now ? 'chevron-right' : 'chevron-down'}`;
    onToggle(id, now);
  });
  return { element, body, actions, setCount: (t) => (count.textContent = t) };
}
