/**
 * The Demo Viewer: lays out the parts, feeds them from the run model, and redraws only what a
 * message changed (at most once a frame while a run streams). UI state (prompt, filters, shown
 * run, collapsed sections) is saved with setState; data always comes from the host.
 */
import type { LiveEvent } from '../../src/protocol/demoViewer';
import {
  CopyCommand,
  DemoViewerState,
  ExportCommand,
  ListHistoryCommand,
  OpenRunCommand,
  RunCommand,
  RunStatus,
  RunSummary,
  ShowLiveCommand,
  StopCommand,
  ViewedRun,
  ViewerError,
  ViewerUiState,
} from '../../src/protocol/demoViewer';
import type { HostBridge } from '../shared/hostBridge';
import { button, clip, el, icon, replaceChildren } from '../shared/dom';
import { AgentGraph } from './components/agentGraph';
import { ErrorBanner } from './components/errorBanner';
import { HistoryList } from './components/historyList';
import { Outcome } from './components/outcome';
import { PromptBar } from './components/promptBar';
import { section } from './components/section';
import { SpanTree } from './components/spanTree';
import { Timeline } from './components/timeline';
import { ToolCalls } from './components/toolCalls';
import { RunModel } from './model';
import { SessionStages } from './components/sessionStages';
import { SessionView, StartSessionCommand } from '../../src/protocol/demoViewer';

const HEAVY_INTERVAL_MS = 250;

export const DEFAULT_UI: ViewerUiState = { prompt: '', filters: { eventType: '', agent: '', text: '' }, collapsed: [] };

export class ViewerApp {
  readonly model = new RunModel();
  private history: RunSummary[] = [];
  private ui: ViewerUiState;
  private readonly prompt: PromptBar;
  private readonly errors = new ErrorBanner();
  private readonly runInfo = el('div', { class: 'run-info' });
  private readonly timeline: Timeline;
  private readonly graph: AgentGraph;
  private readonly spans = new SpanTree();
  private readonly tools = new ToolCalls();
  private readonly outcome: Outcome;
  private readonly historyList: HistoryList;
  private readonly session = new SessionStages(() =>
    this.bridge.sendCommand(StartSessionCommand, { prompt: this.ui.prompt }),
  );
  private readonly counts: Record<string, (t: string) => void> = {};
  private drawn = { events: -1, spans: -1, graph: -1, active: -1, run: -1 };
  private frame = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** When the span tree and tool calls were last drawn, and the pending redraw while streaming. */
  private heavyAt = 0;
  private heavyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    root: HTMLElement,
    private readonly bridge: HostBridge,
    restored: ViewerUiState | undefined,
  ) {
    this.ui = restored ?? DEFAULT_UI;
    this.prompt = new PromptBar(this.ui.prompt, {
      onRun: (prompt) => {
        this.errors.clear();
        this.save({ prompt });
        bridge.sendCommand(RunCommand, { prompt });
      },
      onStop: () => bridge.sendCommand(StopCommand, undefined),
      onPromptChange: (prompt) => this.save({ prompt }),
      onExport: (format) => bridge.sendCommand(ExportCommand, { format }),
    });
    this.timeline = new Timeline(this.ui.filters, (filters) => {
      this.save({ filters });
      this.graph.highlight(this.model.activeAgent, filters.agent);
    });
    this.graph = new AgentGraph((agent) => this.timeline.toggleAgent(agent));
    this.outcome = new Outcome((text) => bridge.sendCommand(CopyCommand, { text }));
    this.historyList = new HistoryList(
      (workflowId) => bridge.sendCommand(OpenRunCommand, { workflowId }),
      () => bridge.sendCommand(ListHistoryCommand, undefined),
    );

    const card = (id: string, title: string, iconName: string, body: HTMLElement) => {
      const s = section(id, title, iconName, this.ui.collapsed.includes(id), (sid, collapsed) =>
        this.save({ collapsed: collapsed ? [...new Set([...this.ui.collapsed, sid])] : this.ui.collapsed.filter((c) => c !== sid) }),
      );
      s.body.append(body);
      this.counts[id] = s.setCount;
      return s.element;
    };
    root.append(
      el(
        'div',
        { class: 'viewer' },
        el('header', { class: 'top' }, el('h1', {}, icon('pulse'), 'Agentify Demo Viewer'), this.prompt.element),
        this.errors.element,
        this.session.element,
        this.runInfo,
        el(
          'div',
          { class: 'grid' },
          el('div', { class: 'col col-left' }, card('graph', 'Agents', 'type-hierarchy', this.graph.element), card('outcome', 'Outcome', 'output', this.outcome.element), card('history', 'Run history', 'history', this.historyList.element)),
          el('div', { class: 'col col-right' }, card('timeline', 'Timeline', 'list-flat', this.timeline.element), card('spans', 'Spans', 'symbol-namespace', this.spans.element), card('tools', 'Tool calls', 'tools', this.tools.element)),
        ),
      ),
    );
    this.renderAll();
  }

  get shownWorkflowId(): string | undefined {
    return this.model.run?.workflowId;
  }

  onState(state: DemoViewerState): void {
    this.history = state.history;
    this.load(state.run, state);
  }

  onReset(run: ViewedRun): void {
    this.errors.clear();
    this.load(run, { events: [] });
  }

  onEvent(streamed: LiveEvent): void {
    const index = this.model.add(streamed.event);
    if (index < 0) return;
    this.timeline.added(streamed.event, index);
    this.schedule();
  }

  onRunStatus(workflowId: string, status: RunStatus, endedAt?: number): void {
    if (this.model.run?.workflowId !== workflowId) return;
    this.model.setStatus(status, endedAt);
    this.schedule();
  }

  onHistory(runs: RunSummary[]): void {
    this.history = runs;
    this.historyList.render(runs, this.shownWorkflowId);
  }

  onSession(view: SessionView): void {
    this.session.render(view);
  }

  onError(error: ViewerError): void {
    this.errors.show(error);
  }

  private load(run: ViewedRun | null, state: Pick<DemoViewerState, 'events'>): void {
    this.model.reset(run, state.events);
    this.spans.resetPage();
    this.tools.resetPage();
    if (run) this.save({ workflowId: run.workflowId });
    if (run?.prompt) this.prompt.setPrompt(run.prompt);
    this.timeline.load(this.model.events, this.model.agents);
    this.renderAll();
  }

  private save(change: Partial<ViewerUiState>): void {
    this.ui = { ...this.ui, ...change };
    this.bridge.setState(this.ui);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderAll();
    });
  }

  private renderAll(): void {
    const m = this.model;
    const v = m.versions;
    if (this.drawn.run !== v.run) this.renderRun();
    if (this.drawn.graph !== v.graph) {
      this.graph.render(m.graph());
      this.timeline.setAgents(m.agents);
      this.counts.graph?.(`${m.agents.length}`);
    }
    if (this.drawn.graph !== v.graph || this.drawn.active !== v.active) this.graph.highlight(m.activeAgent, this.timeline.filtersNow.agent);
    let spansDrawn = v.spans;
    if (this.drawn.spans !== v.spans || this.drawn.run !== v.run) {
      // While a run streams, the span tree and tool calls (hundreds of rows) redraw at most a few
      // times a second; the timeline and graph stay per-frame.
      const wait = HEAVY_INTERVAL_MS - (performance.now() - this.heavyAt);
      if (m.status === 'running' && this.drawn.run === v.run && wait > 0) {
        spansDrawn = this.drawn.spans;
        this.heavyTimer ??= setTimeout(() => {
          this.heavyTimer = undefined;
          this.schedule();
        }, wait);
      } else {
        this.heavyAt = performance.now();
        // Bars use the producer's clock only (event timestamps), never mixed with this machine's.
        const end = m.endedAt ?? m.events[m.events.length - 1]?.timestamp ?? 0;
        this.counts.spans?.(`${this.spans.render(m.spans.roots(), m.startedAt, end)}`);
        this.counts.tools?.(`${this.tools.render(m.spans.spans.values())}`);
      }
    }
    this.outcome.render(m.terminal, m.status === 'running');
    this.timeline.flush();
    this.tick();
    this.drawn = { ...v, spans: spansDrawn };
  }

  private renderRun(): void {
    const run = this.model.run;
    this.historyList.render(this.history, run?.workflowId);
    if (!run) {
      replaceChildren(this.runInfo, el('span', { class: 'description' }, 'Type a prompt and press Run, or open a past run from the history.'));
      return;
    }
    replaceChildren(
      this.runInfo,
      el('span', { class: 'run-id', attrs: { title: run.workflowId } }, icon(run.source === 'history' ? 'history' : 'broadcast'), run.source === 'history' ? 'Past run ' : 'Live run ', el('code', {}, clip(run.workflowId, 60))),
      run.prompt ? el('span', { class: 'run-prompt', attrs: { title: clip(run.prompt, 2000) } }, `“${clip(run.prompt, 160)}”`) : null,
      run.source === 'history' ? button('Back to live', () => this.bridge.sendCommand(ShowLiveCommand, undefined), { icon: 'broadcast', secondary: true }) : null,
      run.expired
        ? el('div', { class: 'notice', attrs: { role: 'status' } }, icon('warning'), 'This run’s events have expired from the table (they are kept for 24 hours), so only its summary is left.')
        : null,
    );
  }

  /**
   * Time since the run started, by this machine's clock when the host's start time is usable;
   * events from another machine's clock (a table written elsewhere) fall back to their own span.
   */
  private liveElapsed(firstEvent: number): number {
    const m = this.model;
    const sinceStart = Date.now() - (m.run?.startedAt ?? firstEvent);
    if (sinceStart >= 0 && sinceStart < 86_400_000) return sinceStart;
    return (m.events[m.events.length - 1]?.timestamp ?? firstEvent) - firstEvent;
  }

  /** Status and the live timer; ticks while the run is going. */
  private tick(): void {
    const m = this.model;
    const status = m.status;
    const start = m.startedAt;
    const end = m.endedAt;
    const elapsed = !m.run || start === undefined ? undefined : status === 'running' ? this.liveElapsed(start) : (end ?? start) - start;
    this.prompt.update(status, elapsed && elapsed > 0 ? elapsed : elapsed === undefined ? undefined : 0, !!m.run);
    if (status === 'running' && !this.timer) this.timer = setInterval(() => this.tick(), 200);
    if (status !== 'running' && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
