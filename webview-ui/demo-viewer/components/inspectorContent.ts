/**
 * What the inspector shows for a span (workflow, agent, tool or model call) and for an agent:
 * facts (status, times, tokens, model, cost), inputs by name, the prompt and completion of a
 * model call, the output, the error with a folded traceback, and the raw events. Text only.
 */
import type { AgentifyEvent } from '../../../src/events/types';
import type { Span } from '../../../src/domain/spans';
import { PriceTable, costOf, formatCost } from '../../../src/domain/pricing';
import { Totals, agentTotals, subtreeTotals } from '../../../src/domain/runTotals';
import { clip, el, formatClock, formatDuration, icon } from '../../shared/dom';
import { jsonTree } from '../../shared/jsonTree';
import type { AgentStats, RunModel } from '../model';
import { EVENT_ICONS } from './describe';
import { tracebackView } from './tracebackView';

const MAX_TEXT = 10_000;
export const KIND_ICON: Record<Span['kind'], string> = {
  workflow: 'debug-start',
  agent: 'person',
  tool: 'tools',
  llm: 'sparkle',
};
const KIND_TEXT: Record<Span['kind'], string> = {
  workflow: 'Workflow',
  agent: 'Agent',
  tool: 'Tool call',
  llm: 'Model call',
};
const STATUS_TEXT: Record<Span['status'], string> = { running: 'Running', ok: 'Completed', error: 'Failed' };
export const AGENT_STATUS_TEXT: Record<AgentStats['status'], string> = {
  pending: 'Waiting',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  notReached: 'Not reached',
};

/** A long string as text in a bounded box, saying how much was left out. */
export function longText(text: string, cls = 'insp-text'): HTMLElement {
  const cut = text.length > MAX_TEXT;
  return el(
    'div',
    { class: cls },
    cut ? text.slice(0, MAX_TEXT) : text,
    cut
      ? el(
          'span',
          { class: 'insp-cut' },
          ` … ${(text.length - MAX_TEXT).toLocaleString('en')} more characters (Copy gives all)`,
        )
      : null,
  );
}

function value(v: unknown): HTMLElement {
  if (typeof v === 'string') return longText(v);
  return jsonTree(v, 2);
}

function part(title: string, ...body: (Node | null)[]): HTMLElement {
  return el('section', { class: 'insp-part', attrs: { 'aria-label': title } }, el('h3', {}, title), ...body);
}

function facts(rows: [string, string | Node | undefined][]): HTMLElement {
  const dl = el('dl', { class: 'insp-facts' });
  for (const [k, v] of rows) if (v !== undefined && v !== '') dl.append(el('dt', {}, k), el('dd', {}, v));
  return dl;
}

/** Inputs by argument name when they are a record, else as one value. */
function inputs(input: unknown): HTMLElement {
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const entries = Object.entries(input as Record<string, unknown>);
    if (!entries.length) return el('span', { class: 'empty' }, 'no arguments');
    const dl = el('dl', { class: 'insp-args' });
    for (const [k, v] of entries.slice(0, 200))
      dl.append(el('dt', { attrs: { title: clip(k, 1000) } }, clip(k, 120)), el('dd', {}, value(v)));
    return dl;
  }
  return value(input);
}

interface Message {
  role: string;
  text: string;
}

/** Chat messages in the shapes model calls log them: [{role, content}], {messages}, content parts. */
/** The text of message content: a string, or parts ({text} as Bedrock/Anthropic, {content} as OpenTelemetry GenAI). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return JSON.stringify(content ?? '') ?? '';
  return content
    .map((c) => {
      const part = c && typeof c === 'object' ? (c as { text?: unknown; content?: unknown }) : undefined;
      if (typeof part?.text === 'string') return part.text;
      if (typeof part?.content === 'string') return part.content;
      return JSON.stringify(c);
    })
    .join('\n');
}

/** Messages logged as a JSON string (OpenTelemetry attributes are strings) are read as JSON. */
function parsed(v: unknown): unknown {
  if (typeof v !== 'string' || !/^\s*[[{]/.test(v) || v.length > 2_000_000) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function messagesOf(value: unknown): Message[] | undefined {
  const input = parsed(value);
  const list = Array.isArray(input)
    ? input
    : input && typeof input === 'object' && Array.isArray((input as { messages?: unknown }).messages)
      ? (input as { messages: unknown[] }).messages
      : undefined;
  if (!list || !list.length) return undefined;
  const out: Message[] = [];
  for (const m of list.slice(0, 200)) {
    if (!m || typeof m !== 'object') return undefined;
    const { role, content, parts } = m as { role?: unknown; content?: unknown; parts?: unknown };
    if (typeof role !== 'string') return undefined;
    out.push({ role, text: contentText(content ?? parts) });
  }
  return out;
}

function prompt(input: unknown): HTMLElement {
  const messages = messagesOf(input);
  if (!messages) return inputs(input);
  return el(
    'div',
    { class: 'insp-messages' },
    ...messages.map((m) =>
      el(
        'div',
        { class: `insp-message role-${m.role.replace(/[^a-z]/gi, '')}` },
        el('div', { class: 'insp-role' }, clip(m.role, 40)),
        longText(m.text),
      ),
    ),
  );
}

function costText(
  model: string | undefined,
  t: Pick<Totals, 'inputTokens' | 'outputTokens'>,
  prices: PriceTable,
): string {
  const c = costOf(model, t.inputTokens, t.outputTokens, prices);
  return c === undefined ? 'no price for this model' : `≈ ${formatCost(c)} (estimate)`;
}

const unpricedList = (t: Totals) => t.unpriced.map((m) => clip(m, 60)).join(', ');

export function totalsFacts(t: Totals): [string, string | undefined][] {
  const cost = t.pricedCalls
    ? `≈ ${formatCost(t.cost)} (estimate)${t.unpriced.length ? `; no price: ${unpricedList(t)}` : ''}`
    : t.unpriced.length
      ? `no price: ${t.unpriced.map((m) => clip(m, 60)).join(', ')}`
      : undefined;
  return [
    [
      'Tokens',
      t.inputTokens || t.outputTokens
        ? `${t.inputTokens.toLocaleString('en')} in / ${t.outputTokens.toLocaleString('en')} out`
        : undefined,
    ],
    ['Model calls', t.llmCalls ? String(t.llmCalls) : undefined],
    ['Tool calls', t.toolCalls ? String(t.toolCalls) : undefined],
    ['Errors', t.errors ? String(t.errors) : undefined],
    ['Cost', cost],
  ];
}

function when(t: number | undefined, origin: number | undefined): string | undefined {
  if (t === undefined) return undefined;
  return `${formatClock(t)}${origin !== undefined ? `  (+${((t - origin) / 1000).toFixed(3)} s)` : ''}`;
}

/** `ended`: the run is over, so a span still open will not finish. */
export function spanDurationText(s: Span, ended = false): string {
  if (s.end === undefined) return ended ? 'did not finish' : 'running';
  if (s.instant) return '—';
  return formatDuration(s.end - s.start);
}

function rawEvents(events: readonly AgentifyEvent[]): HTMLElement {
  return part(
    `Raw event${events.length === 1 ? '' : 's'} (${events.length})`,
    ...events.slice(0, 50).map((e) => {
      const d = el(
        'details',
        { class: 'insp-raw', testid: 'insp-raw' },
        el(
          'summary',
          {},
          icon(EVENT_ICONS[e.event_type]),
          [e.event_type, typeof e.payload.status === 'string' ? e.payload.status : '', formatClock(e.timestamp)]
            .filter(Boolean)
            .join(' · '),
        ),
      );
      let built = false;
      d.addEventListener('toggle', () => {
        if (!d.open || built) return;
        built = true;
        d.append(jsonTree(e, 1));
      });
      return d;
    }),
  );
}

export function spanContent(s: Span, model: RunModel, prices: PriceTable): HTMLElement[] {
  const events = model.eventsOf(s.id);
  const agent = model.spanAgentId(s);
  const origin = model.startedAt;
  const t = subtreeTotals(s, prices);
  const ended = model.status !== 'running';
  const rows: [string, string | Node | undefined][] = [
    ['Kind', KIND_TEXT[s.kind]],
    [
      'Status',
      el(
        'span',
        { class: `insp-status status-${s.status}`, testid: 'insp-status' },
        s.status === 'running' && ended ? 'Did not finish' : STATUS_TEXT[s.status],
      ),
    ],
    ['Agent', agent ? clip(model.agentLabel(agent), 200) : undefined],
    ['Model', s.model ? clip(s.model, 200) : undefined],
    ['System', s.system ? clip(s.system, 100) : undefined],
    ['Start', when(s.start, origin)],
    ['End', when(s.end, origin)],
    ['Duration', s.instant ? 'not reported by the event' : spanDurationText(s, ended)],
  ];
  if (s.kind === 'llm') {
    rows.push([
      'Tokens',
      s.inputTokens !== undefined || s.outputTokens !== undefined
        ? `${(s.inputTokens ?? 0).toLocaleString('en')} in / ${(s.outputTokens ?? 0).toLocaleString('en')} out`
        : 'not reported',
    ]);
    if (s.inputTokens !== undefined || s.outputTokens !== undefined)
      rows.push([
        'Cost',
        costText(s.model ?? s.name, { inputTokens: s.inputTokens ?? 0, outputTokens: s.outputTokens ?? 0 }, prices),
      ]);
  } else if (s.children.length) {
    rows.push(...totalsFacts(t).map(([k, v]) => [`${k} (within)`, v] as [string, string | undefined]));
  }
  const out: HTMLElement[] = [facts(rows)];
  if (s.error) {
    out.push(
      part(
        'Error',
        el(
          'div',
          { class: 'insp-error', attrs: { role: 'alert' } },
          el('span', { class: 'error-type' }, clip(s.error.type, 200)),
          ' ',
          longText(s.error.message, 'insp-error-message'),
        ),
        s.error.traceback ? tracebackView(s.error.traceback) : null,
      ),
    );
  }
  if (s.kind === 'llm') {
    // Agents traced with OpenTelemetry carry the messages as GenAI attributes instead.
    const attr = (...keys: string[]) => {
      for (const k of keys) for (const e of events) if (e.payload[k] !== undefined) return e.payload[k];
      return undefined;
    };
    const input = s.input ?? attr('gen_ai.input.messages', 'gen_ai.prompt');
    const output = s.output ?? attr('gen_ai.output.messages', 'gen_ai.completion');
    out.push(
      part(
        'Prompt',
        input === undefined ? el('span', { class: 'empty' }, 'The event does not carry the prompt.') : prompt(input),
      ),
    );
    out.push(
      part(
        'Completion',
        output === undefined
          ? el(
              'span',
              { class: 'empty' },
              s.status === 'running' ? 'waiting…' : 'The event does not carry the completion.',
            )
          : messagesOf(output)
            ? prompt(output)
            : value(output),
      ),
    );
  } else {
    out.push(
      part(
        s.kind === 'workflow' ? 'Input' : 'Inputs',
        s.input === undefined ? el('span', { class: 'empty' }, 'none') : inputs(s.input),
      ),
    );
    if (!s.error || s.output !== undefined)
      out.push(
        part(
          s.kind === 'workflow' ? 'Result' : 'Output',
          s.output === undefined
            ? el('span', { class: 'empty' }, s.status === 'running' ? 'waiting…' : 'none')
            : value(s.output),
        ),
      );
  }
  out.push(rawEvents(events));
  return out;
}

export function agentContent(
  id: string,
  model: RunModel,
  prices: PriceTable,
  onInspect: (spanId: string) => void,
): HTMLElement[] {
  const stats = model.agentStats().get(id);
  const spans = [...model.spans.spans.values()]
    .filter((s) => model.spanAgentId(s) === id)
    .sort((a, b) => a.start - b.start);
  const t = agentTotals(spans, prices, () => id).get(id);
  const label = model.agentLabel(id);
  const rows: [string, string | Node | undefined][] = [
    ['Node id', label !== id ? clip(id, 200) : undefined],
    [
      'Status',
      el(
        'span',
        { class: `insp-status agent-${stats?.status ?? 'pending'}`, testid: 'insp-status' },
        AGENT_STATUS_TEXT[stats?.status ?? 'pending'],
      ),
    ],
    ['Runs', String(stats?.runs ?? 0)],
    ['Time', t?.durationMs !== undefined ? `${formatDuration(t.durationMs)} (its agent spans summed)` : undefined],
    ...(t ? totalsFacts(t) : []),
  ];
  const list = el('ul', { class: 'insp-spans' });
  for (const s of spans.slice(0, 200)) {
    list.append(
      el(
        'li',
        {},
        el(
          'button',
          {
            class: `insp-span-link status-${s.status}`,
            attrs: { type: 'button' },
            on: { click: () => onInspect(s.id) },
          },
          icon(KIND_ICON[s.kind]),
          el('span', { class: 'insp-span-name' }, clip(s.name, 120)),
          el('span', { class: 'insp-span-dur' }, spanDurationText(s, model.status !== 'running')),
        ),
      ),
    );
  }
  return [
    facts(rows),
    part(
      `Spans (${spans.length})`,
      spans.length ? list : el('span', { class: 'empty' }, 'This agent has not run in this run.'),
    ),
  ];
}

/** The whole of what is inspected, as JSON for the clipboard (bounded by the protocol's limit). */
export function copyText(value: unknown, limit: number): string {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? '';
  } catch {
    text = String(value);
  }
  return text.length > limit ? text.slice(0, limit) : text;
}
