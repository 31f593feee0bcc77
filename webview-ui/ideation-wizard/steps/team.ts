/**
 * Step 5: the agent team. The orchestration pattern, the graph (connect and disconnect agents in
 * place), and a card per agent with its tools, where agents and tools are added, renamed, removed.
 */
import { AgentDesign, LIMITS, PATTERNS, Pattern, defaultEdges } from '../../../src/protocol/ideationWizard';
import { button, el, field, groupError, icon, section, uid } from '../dom';
import { renderTeamGraph } from '../graph/teamGraph';
import type { WizardStore } from '../store';
import type { StepContext } from './context';

const PATTERN_TEXT: Record<Pattern, [string, string, string]> = {
  sequential: ['Sequential', 'Each agent hands its result to the next.', 'arrow-right'],
  graph: ['Graph', 'Agents run as their hand-offs allow: branches and joins.', 'type-hierarchy'],
  supervisor: ['Supervisor', 'The first agent delegates to the others and answers.', 'organization'],
};

function patternPicker(store: WizardStore): HTMLElement {
  const d = store.design;
  const name = uid('pattern');
  return el(
    'fieldset',
    { class: 'patterns', testid: 'patterns' },
    el('legend', {}, 'Orchestration pattern'),
    ...PATTERNS.map((p) => {
      const input = el('input', { testid: `pattern-${p}`, attrs: { type: 'radio', name, value: p } });
      input.checked = d.pattern === p;
      input.addEventListener('change', () =>
        store.update((x) => {
          x.pattern = p;
          // The hand-offs follow the new pattern; the user can edit them afterwards.
          x.edges = defaultEdges(
            p,
            x.agents.map((a) => a.id),
          );
        }),
      );
      const [label, text, codicon] = PATTERN_TEXT[p];
      return el(
        'label',
        { class: 'pattern' },
        input,
        icon(codicon),
        el('span', { class: 'pattern-label' }, label),
        el('span', { class: 'hint' }, text),
      );
    }),
  );
}

function agentCard(store: WizardStore, a: AgentDesign, i: number): HTMLElement {
  const errors = store.view.errors;
  const upd = (fn: (agent: AgentDesign) => void, render = false) => store.update((x) => fn(x.agents[i]), { render });
  return el(
    'li',
    { class: 'card agent-card', testid: 'agent-card', attrs: { id: `agent-${a.id}` } },
    el(
      'div',
      { class: 'row' },
      field({
        label: 'Agent name',
        value: a.name,
        onInput: (v) => upd((x) => (x.name = v)),
        onChange: () => store.render(),
        testid: `agent-name-${i}`,
        maxLength: LIMITS.short,
        error: errors[`agent-name-${i}`],
      }),
      field({
        label: 'Role',
        value: a.role,
        onInput: (v) => upd((x) => (x.role = v)),
        onChange: () => store.render(),
        testid: `agent-role-${i}`,
        maxLength: LIMITS.long,
        error: errors[`agent-role-${i}`],
      }),
      button(
        `Remove agent ${a.name}`,
        () =>
          store.update((x) => {
            x.agents.splice(i, 1);
            x.edges = x.edges.filter((e) => e.from !== a.id && e.to !== a.id);
          }),
        { icon: 'trash', iconOnly: true, secondary: true, testid: `remove-agent-${i}` },
      ),
    ),
    field({
      label: 'Instructions',
      value: a.instructions,
      onInput: (v) => upd((x) => (x.instructions = v)),
      testid: `agent-instructions-${i}`,
      multiline: true,
      rows: 2,
      maxLength: LIMITS.long,
    }),
    el('h4', {}, icon('tools'), ' Tools'),
    el(
      'ul',
      { class: 'tools' },
      ...a.tools.map((t, j) =>
        el(
          'li',
          { class: 'row tool', testid: 'tool' },
          field({
            label: 'Tool name',
            value: t.name,
            onInput: (v) => upd((x) => (x.tools[j].name = v)),
            onChange: () => store.render(),
            testid: `tool-name-${i}-${j}`,
            maxLength: LIMITS.short,
            error: errors[`tool-name-${i}-${j}`],
          }),
          field({
            label: 'What it does',
            value: t.description,
            onInput: (v) => upd((x) => (x.tools[j].description = v)),
            testid: `tool-description-${i}-${j}`,
            maxLength: LIMITS.long,
          }),
          button(`Remove tool ${t.name}`, () => upd((x) => x.tools.splice(j, 1), true), {
            icon: 'trash',
            iconOnly: true,
            secondary: true,
            testid: `remove-tool-${i}-${j}`,
          }),
        ),
      ),
    ),
    button(
      'Add tool',
      () =>
        upd(
          (x) => x.tools.push({ id: uid('tool'), name: '', description: '', mockResponse: '{"status": "ok"}' }),
          true,
        ),
      { icon: 'add', secondary: true, testid: `add-tool-${i}` },
    ),
  );
}

export function renderTeam({ store, assistant }: StepContext): HTMLElement {
  const d = store.design;
  const errors = store.view.errors;
  const graph = renderTeamGraph({
    agents: d.agents,
    edges: d.edges,
    selected: store.view.connectFrom,
    onAgentClick: (id) => {
      const from = store.view.connectFrom;
      if (!from || from === id) return store.setView({ connectFrom: from === id ? undefined : id });
      store.view.connectFrom = undefined;
      if (!d.edges.some((e) => e.from === from && e.to === id)) store.update((x) => x.edges.push({ from, to: id }));
      else store.render();
    },
    onEdgeRemove: (edge) =>
      store.update((x) => (x.edges = x.edges.filter((e) => !(e.from === edge.from && e.to === edge.to)))),
    onToolClick: (agentId, toolId) => {
      const i = d.agents.findIndex((a) => a.id === agentId);
      const j = d.agents[i]?.tools.findIndex((t) => t.id === toolId) ?? -1;
      document.querySelector<HTMLElement>(`[data-testid="tool-name-${i}-${j}"]`)?.focus();
    },
  });
  const nameOf = (id: string) => d.agents.find((a) => a.id === id)?.name || '(unnamed)';
  return el(
    'div',
    {},
    section('Agent team', 'Who does the work, with which tools, and how they hand off to each other.'),
    assistant.render('team', d.agents.length ? 'Propose another team' : 'Propose a team'),
    patternPicker(store),
    el(
      'div',
      { class: 'graph-box' },
      d.agents.length ? graph : el('p', { class: 'hint' }, 'No agents yet: add one below or ask the assistant.'),
      el(
        'p',
        { class: 'hint' },
        store.view.connectFrom
          ? `Connecting from ${nameOf(store.view.connectFrom)}: choose the agent it hands off to.`
          : 'Select an agent, then another, to add a hand-off. Select a hand-off (or focus it and press Delete) to ' +
              'remove it.',
      ),
    ),
    el(
      'ul',
      { class: 'edge-list', testid: 'edge-list', attrs: { 'aria-label': 'Hand-offs' } },
      ...d.edges.map((e) =>
        el(
          'li',
          { class: 'chip' },
          el('span', {}, `${nameOf(e.from)} → ${nameOf(e.to)}`),
          button(
            `Remove hand-off from ${nameOf(e.from)} to ${nameOf(e.to)}`,
            () => store.update((x) => (x.edges = x.edges.filter((y) => !(y.from === e.from && y.to === e.to)))),
            { icon: 'close', iconOnly: true, testid: 'remove-edge' },
          ),
        ),
      ),
    ),
    groupError(errors.edges, 'edges-error'),
    el('ol', { class: 'cards', testid: 'agents' }, ...d.agents.map((a, i) => agentCard(store, a, i))),
    groupError(errors.agents, 'agents-error'),
    button(
      'Add agent',
      () =>
        store.update((x) =>
          x.agents.push({
            id: uid('agent'),
            name: `Agent ${x.agents.length + 1}`,
            role: '',
            instructions: '',
            tools: [],
          }),
        ),
      { icon: 'add', testid: 'add-agent' },
    ),
  );
}
