/**
 * The Demo Viewer: lays out the parts, feeds them from the run model, and redraws only what a
 * message changed (at most once a frame while a run streams). UI state (prompt, filters, shown
 * run, collapsed sections) is saved with setState; data always comes from the host. Features
 * live in their own components; this file only places and feeds them.
 */
import type { AgentifyEvent } from '../../src/events/types';
import type { Span } from '../../src/domain/spans';
import { DEFAULT_PRICES, PriceTable, mergePrices } from '../../src/domain/pricing';
import { RUN_DURATION_DEFINITION } from '../../src/domain/runDuration';
import { agentTotals, runTotals } from '../../src/domain/runTotals';
import type { LiveEvent } from '../../src/protocol/demoViewer';
import {
  ComparedRun,
  CompareRunsCommand,
  CopyCommand,
  DemoViewerState,
  ExportCommand,
  ListFailuresCommand,
  ListHistoryCommand,
  ListTeamRunsCommand,
  OpenRunCommand,
  RunCommand,
  RunStatus,
  RunSummary,
  ShowLiveCommand,
  StopCommand,
  TeamFailure,
  TeamListPage,
  TeamRun,
  ViewedRun,
  ViewerError,
  ViewerUiState,
  WatchAgentsCommand,
} from '../../src/protocol/demoViewer';
import type { HostBridge } from '../shared/hostBridge';
import { button, clip, el, icon, replaceChildren } from '../shared/dom';
import { compareRuns } from './compare';
import { AgentGraph } from './components/agentGraph';
import { AgentTotalsTable } from './components/agentTotals';
import { CompareView } from './components/compareView';
import { Inspector } from './components/inspector';
import { RunTotalsView } from './components/runTotals';
import { AgentRegistrationsView } from './components/agentRegistrations';
import { ErrorBanner } from './components/errorBanner';
import { HistoryList } from './components/historyList';
import { Outcome } from './components/outcome';
import { PromptBar } from './components/promptBar';
import { section } from './components/section';
import { SpanTree } from './components/spanTree';
import { FailuresList, TeamRunsList } from './components/teamLists';
import { Timeline } from './components/timeline';
import { ToolCalls } from './components/toolCalls';
import { isFiltering } from './filters';
import { RunModel } from './model';
import { SessionStages } from './components/sessionStages';
import { SessionView, StartSessionCommand } from '../../src/protocol/demoViewer';

/** How often the span tree, tool calls, graph status and totals redraw while a run streams. */
const HEAVY_INTERVAL_MS = 100;

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
  private readonly spans: SpanTree;
  private readonly tools: ToolCalls;
  private readonly inspector: Inspector;
  private readonly totals = new RunTotalsView();
  private readonly agentTable: AgentTotalsTable;
  private readonly compare: CompareView;
  private prices: PriceTable = DEFAULT_PRICES;
  /** Bumped when filters or prices change: the filtered and priced parts redraw. */
  private viewVersion = 0;
  private drawnView = -1;
  private readonly viewer: HTMLElement;
  readonly registrations: AgentRegistrationsView;
  private readonly outcome: Outcome;
  private readonly historyList: HistoryList;
  private readonly session = new SessionStages(() =>
    this.bridge.sendCommand(StartSessionCommand, { prompt: this.ui.prompt }),
  );
  private readonly teamRuns: TeamRunsList;
  private readonly failures: FailuresList;
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
    const copy = (text: string) => bridge.sendCommand(CopyCommand, { text });
    this.timeline = new Timeline(
      this.ui.filters,
      (filters) => {
        this.save({ filters });
        this.graph.highlight(this.model.activeAgent, filters.agent);
        this.viewVersion++;
        this.schedule();
      },
      {
        resolve: (name) => this.model.resolveAgent(name),
        onInspectEvent: (e, from) => this.inspectEvent(e, from),
      },
    );
    this.inspector = new Inspector({
      model: this.model,
      prices: () => this.prices,
      visible: (events, agent) => this.eventsVisible(events, agent),
      onCopy: copy,
      onClearFilters: () => this.timeline.clearFilters(),
      onToggle: (open) => {
        this.viewer.classList.toggle('inspecting', open);
        if (!open) this.spans.select(undefined);
      },
    });
    const inspectSpan = (s: Span, from: HTMLElement) => {
      this.spans.select(s.id);
      this.inspector.show({ kind: 'span', id: s.id }, from);
    };
    this.spans = new SpanTree(inspectSpan);
    this.tools = new ToolCalls({ onInspect: inspectSpan, agentLabel: (s) => this.agentLabelOf(s) });
    const inspectAgent = (agent: string, from: Element) => this.inspector.show({ kind: 'agent', id: agent }, from);
    this.graph = new AgentGraph((agent, node) => {
      this.timeline.toggleAgent(agent);
      inspectAgent(agent, node);
    });
    this.agentTable = new AgentTotalsTable(inspectAgent);
    this.registrations = new AgentRegistrationsView((agents) => bridge.sendCommand(WatchAgentsCommand, { agents }));
    this.compare = new CompareView(() => this.compare.close());
    this.outcome = new Outcome(copy);
    this.historyList = new HistoryList({
      onOpen: (workflowId) => bridge.sendCommand(OpenRunCommand, { workflowId }),
      onRefresh: () => bridge.sendCommand(ListHistoryCommand, undefined),
      onRunAgain: (prompt) => {
        this.errors.clear();
        this.save({ prompt });
        this.prompt.setPrompt(prompt, true);
        bridge.sendCommand(RunCommand, { prompt });
      },
      onCompare: (workflowId) =>
        this.shownWorkflowId &&
        bridge.sendCommand(CompareRunsCommand, { left: workflowId, right: this.shownWorkflowId }),
    });
    const openRun = (workflowId: string) => bridge.sendCommand(OpenRunCommand, { workflowId });
    this.teamRuns = new TeamRunsList({
      onOpen: openRun,
      onLoad: (more) => bridge.sendCommand(ListTeamRunsCommand, { more }),
    });
    this.failures = new FailuresList({
      onOpen: openRun,
      onLoad: (more) => bridge.sendCommand(ListFailuresCommand, { more }),
    });

    const card = (id: string, title: string, iconName: string, body: HTMLElement) => {
      const s = section(id, title, iconName, this.ui.collapsed.includes(id), (sid, collapsed) =>
        this.save({
          collapsed: collapsed ? [...new Set([...this.ui.collapsed, sid])] : this.ui.collapsed.filter((c) => c !== sid),
        }),
      );
      s.body.append(body);
      this.counts[id] = s.setCount;
      return s.element;
    };
    this.viewer = el(
      'div',
      { class: 'viewer' },
      el('header', { class: 'top' }, el('h1', {}, icon('pulse'), 'Agentify Demo Viewer'), this.prompt.element),
      this.errors.element,
      this.session.element,
      this.runInfo,
      this.totals.element,
      this.compare.element,
      el(
        'div',
        { class: 'grid' },
        el(
          'div',
          { class: 'col col-left' },
          card(
            'graph',
            'Agents',
            'type-hierarchy',
            el('div', {}, this.graph.element, this.agentTable.element, this.registrations.element),
          ),
          card('outcome', 'Outcome', 'output', this.outcome.element),
          card('history', 'Run history', 'history', this.historyList.element),
          card('team-runs', 'Team runs', 'organization', this.teamRuns.element),
          card('failures', 'Recent failures', 'warning', this.failures.element),
        ),
        el(
          'div',
          { class: 'col col-right' },
          card('timeline', 'Timeline', 'list-flat', this.timeline.element),
          card('spans', 'Spans', 'symbol-namespace', this.spans.element),
          card('tools', 'Tool calls', 'tools', this.tools.element),
        ),
      ),
    );
    root.append(this.viewer, this.inspector.element);
    this.renderAll();
  }

  get shownWorkflowId(): string | undefined {
    return this.model.run?.workflowId;
  }

  onState(state: DemoViewerState): void {
    this.history = state.history;
    this.load(state.run, state);
  }

  onTeamRuns(page: TeamListPage<TeamRun>): void {
    this.teamRuns.render(page);
  }

  onFailures(page: TeamListPage<TeamFailure>): void {
    this.failures.render(page);
  }

  onReset(run: ViewedRun): void {
    this.errors.clear();
    this.load(run, { events: [] });
  }

  /** One new event of the live run (the host sends each once, in order). */
  onEvent({ event }: LiveEvent): void {
    const index = this.model.add(event);
    if (index < 0) return;
    this.timeline.added(event, index);
    this.schedule();
  }

  /** The user's prices from the settings, over the built-in table. */
  onPrices(user: Record<string, { input: number; output: number }>): void {
    this.prices = mergePrices(user);
    this.viewVersion++;
    this.schedule();
  }

  onCompare(left: ComparedRun, right: ComparedRun): void {
    this.compare.show(compareRuns(left, right, this.prices));
  }

  onRunStatus(workflowId: string, status: RunStatus, endedAt?: number): void {
    if (this.model.run?.workflowId !== workflowId) return;
    this.model.setStatus(status, endedAt);
    this.schedule();
  }

  onHistory(runs: RunSummary[]): void {
    this.history = runs;
    this.historyList.render(runs, this.shownWorkflowId, this.model.status === 'running');
    this.renderRun();
  }

  onSession(view: SessionView): void {
    this.session.render(view);
  }

  onError(error: ViewerError): void {
    this.errors.show(error);
  }

  private load(run: ViewedRun | null, state: Pick<DemoViewerState, 'events'>): void {
    this.model.reset(run, state.events);
    this.inspector.close();
    this.spans.resetPage();
    this.tools.resetPage();
    if (run) this.save({ workflowId: run.workflowId });
    if (run?.prompt) this.prompt.setPrompt(run.prompt);
    this.timeline.load(this.model.events, this.agentChoices());
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
      this.timeline.setAgents(this.agentChoices());
      this.counts.graph?.(`${m.agents.length}`);
    }
    // The registry is asked about the names the events carry (a graph node's label).
    this.registrations.update(
      m.agents.map((id) => m.agentLabel(id)),
      m.status === 'running',
    );
    let spansDrawn = v.spans;
    const graphChanged = this.drawn.graph !== v.graph;
    const changed =
      this.drawn.spans !== v.spans ||
      this.drawn.run !== v.run ||
      this.drawn.graph !== v.graph ||
      this.drawnView !== this.viewVersion;
    if (changed) {
      // While a run streams, the span tree, tool calls, graph status and totals redraw at most
      // every HEAVY_INTERVAL_MS; the timeline stays per-frame. A filter change redraws at once.
      const wait = HEAVY_INTERVAL_MS - (performance.now() - this.heavyAt);
      if (m.status === 'running' && this.drawn.run === v.run && this.drawnView === this.viewVersion && wait > 0) {
        spansDrawn = this.drawn.spans;
        // New agents and hand-offs show at once; statuses and counts follow with the slower parts.
        if (graphChanged) this.graph.render(m.graph(), m.agentStats(), m.edgeCounts());
        this.heavyTimer ??= setTimeout(() => {
          this.heavyTimer = undefined;
          this.schedule();
        }, wait);
      } else {
        this.heavyAt = performance.now();
        this.renderHeavy();
      }
    }
    if (this.drawn.active !== v.active || graphChanged)
      this.graph.highlight(m.activeAgent, this.timeline.filtersNow.agent);
    this.outcome.render(m.terminal, m.status === 'running');
    this.timeline.flush();
    this.tick();
    this.drawn = { ...v, spans: spansDrawn };
  }

  /** The parts that depend on spans, filters and prices. */
  private renderHeavy(): void {
    const m = this.model;
    this.drawnView = this.viewVersion;
    const filtering = isFiltering(this.timeline.filtersNow);
    const visible = filtering ? (s: Span) => this.eventsVisible(m.eventsOf(s.id)) : undefined;
    // Bars use the producer's clock only (event timestamps), never mixed with this machine's.
    const end = m.endedAt ?? m.events[m.events.length - 1]?.timestamp ?? 0;
    const ended = m.status !== 'running';
    this.counts.spans?.(`${this.spans.render(m.spans.roots(), m.startedAt, end, visible, ended)}`);
    this.counts.tools?.(`${this.tools.render(m.spans.spans.values(), visible, ended)}`);
    const stats = m.agentStats();
    this.graph.render(m.graph(), stats, m.edgeCounts());
    const perAgent = agentTotals(m.spans.spans.values(), this.prices, (s) => m.spanAgentId(s));
    this.agentTable.render(
      m.agents.map((id) => ({ id, label: m.agentLabel(id), stats: stats.get(id), totals: perAgent.get(id) })),
    );
    this.totals.render(
      m.run ? runTotals(m.spans.spans.values(), this.prices, m.clock.duration) : undefined,
      m.status === 'running',
    );
    this.inspector.refresh();
  }

  private agentChoices(): { id: string; label: string }[] {
    return this.model.agents.map((id) => ({ id, label: this.model.agentLabel(id) }));
  }

  private agentLabelOf(s: Span): string | undefined {
    const id = this.model.spanAgentId(s);
    return id === undefined ? undefined : this.model.agentLabel(id);
  }

  /** An agent with no events yet is visible unless another agent is filtered for. */
  private eventsVisible(events: readonly AgentifyEvent[], agent?: string): boolean {
    const f = this.timeline.filtersNow;
    if (!isFiltering(f)) return true;
    if (agent !== undefined && !events.length) return f.agent === '' || f.agent === agent;
    const matches = this.timeline.matchesNow;
    return events.some(matches);
  }

  /** A timeline row's "Inspect span": false when the event belongs to no span. */
  private inspectEvent(e: AgentifyEvent, from: HTMLElement): boolean {
    const span = this.model.spanOf(e);
    if (!span) return false;
    this.spans.select(span.id);
    this.inspector.show({ kind: 'span', id: span.id }, from);
    return true;
  }

  private renderRun(): void {
    const run = this.model.run;
    this.historyList.render(this.history, run?.workflowId, this.model.status === 'running');
    if (!run) {
      replaceChildren(
        this.runInfo,
        el('span', { class: 'description' }, 'Type a prompt and press Run, or open a past run from the history.'),
      );
      return;
    }
    replaceChildren(
      this.runInfo,
      el(
        'span',
        { class: 'run-id', attrs: { title: run.workflowId } },
        icon(run.source === 'history' ? 'history' : 'broadcast'),
        run.source === 'history' ? 'Past run ' : 'Live run ',
        el('code', {}, clip(run.workflowId, 60)),
      ),
      run.prompt
        ? el('span', { class: 'run-prompt', attrs: { title: clip(run.prompt, 2000) } }, `“${clip(run.prompt, 160)}”`)
        : null,
      run.source === 'history'
        ? button('Back to live', () => this.bridge.sendCommand(ShowLiveCommand, undefined), {
            icon: 'broadcast',
            secondary: true,
          })
        : null,
      this.previousRun(run)
        ? button('Compare with previous', () => this.compareWithPrevious(), {
            icon: 'git-compare',
            secondary: true,
            testid: 'compare-previous',
            title: 'Compare this run (B) with the run before it (A)',
          })
        : null,
      run.expired
        ? el(
            'div',
            { class: 'notice', attrs: { role: 'status' } },
            icon('warning'),
            'This run’s events have expired from the table (they are kept for 24 hours), so only its summary is left.',
          )
        : null,
    );
  }

  /** The history entry that started before the shown run. */
  private previousRun(run: ViewedRun): RunSummary | undefined {
    const started = this.history.find((h) => h.workflowId === run.workflowId)?.startedAt ?? run.startedAt;
    return this.history
      .filter((h) => h.workflowId !== run.workflowId && h.startedAt < started)
      .sort((a, b) => b.startedAt - a.startedAt)[0];
  }

  private compareWithPrevious(): void {
    const run = this.model.run;
    const previous = run && this.previousRun(run);
    if (run && previous)
      this.bridge.sendCommand(CompareRunsCommand, { left: previous.workflowId, right: run.workflowId });
  }

  /** Status and the live timer; ticks while the run is going. */
  private tick(): void {
    const m = this.model;
    const status = m.status;
    // The one definition of run time (first to last event), live or ended.
    const elapsed = !m.run ? undefined : status === 'running' ? m.clock.elapsed(Date.now()) : m.clock.duration;
    this.prompt.update(status, elapsed, !!m.run, RUN_DURATION_DEFINITION);
    if (status === 'running' && !this.timer) this.timer = setInterval(() => this.tick(), 200);
    if (status !== 'running' && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
