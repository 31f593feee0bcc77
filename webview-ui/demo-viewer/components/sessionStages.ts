/**
 * The session journal's status strip: one step per pipeline stage (session, invoker, entrypoint,
 * background task) with its state, its duration and start time, and the failure message where a
 * stage failed; plus the Start Session button. Every journal string is rendered as text.
 */
import type { SessionStage, SessionView } from '../../../src/protocol/demoViewer';
import { button, clip, el, icon, replaceChildren } from '../../shared/dom';
import './sessionStages.css';

const STATE_ICON: Record<SessionStage['state'], string> = {
  pending: 'circle-large-outline',
  running: 'loading',
  succeeded: 'pass-filled',
  failed: 'error',
};
const STATE_LABEL: Record<SessionStage['state'], string> = {
  pending: 'not started',
  running: 'running',
  succeeded: 'done',
  failed: 'failed',
};
const OUTCOME_LABEL: Record<SessionView['outcome'], string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** HH:MM:SS.mmm of an ISO time, in the viewer's time zone; the raw text when it is not a time. */
function clock(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}.${pad(t.getMilliseconds(), 3)}`;
}

export class SessionStages {
  readonly element = el('section', {
    class: 'session-strip',
    testid: 'session-strip',
    attrs: { 'aria-label': 'Session pipeline' },
  });

  constructor(private readonly onStart: () => void) {
    this.render(undefined);
  }

  render(view: SessionView | undefined): void {
    const start = button('Start session', () => this.onStart(), {
      icon: 'run-all',
      secondary: true,
      testid: 'start-session',
      title:
        'Run the prompt as a session of the pipeline ' +
        '(state machine → Lambda invoker → agent runtime), on AWS or offline',
    });
    if (!view) {
      replaceChildren(this.element, el('div', { class: 'session-head' }, start));
      this.element.classList.add('idle');
      return;
    }
    this.element.classList.remove('idle');
    replaceChildren(
      this.element,
      el(
        'div',
        { class: 'session-head' },
        el(
          'span',
          { class: 'session-title' },
          icon('server-process'),
          'Session ',
          el('code', { testid: 'session-id', attrs: { title: view.sessionId } }, clip(view.sessionId, 60)),
        ),
        el('span', { class: 'session-mode', testid: 'session-mode' }, view.mode === 'aws' ? 'AWS' : 'offline'),
        el(
          'span',
          { class: `session-outcome outcome-${view.outcome}`, testid: 'session-outcome', attrs: { role: 'status' } },
          OUTCOME_LABEL[view.outcome],
        ),
        el(
          'span',
          { class: 'session-count description' },
          `${view.entryCount} journal ${view.entryCount === 1 ? 'entry' : 'entries'}`,
        ),
        start,
      ),
      el('ol', { class: 'session-stages' }, ...view.stages.map((stage) => this.stage(stage))),
      view.error
        ? el(
            'div',
            { class: 'session-error', testid: 'session-error', attrs: { role: 'alert' } },
            icon('error'),
            el('span', {}, clip(view.error, 4000)),
          )
        : null,
    );
  }

  private stage(stage: SessionStage): HTMLLIElement {
    const timing =
      stage.durationMs !== undefined
        ? formatDuration(stage.durationMs)
        : stage.state === 'running'
          ? 'running…'
          : stage.state === 'pending'
            ? '—'
            : '';
    return el(
      'li',
      {
        class: `session-stage stage-${stage.state}`,
        testid: 'session-stage',
        attrs: {
          'data-stage': stage.id,
          'data-state': stage.state,
          title: stage.startedAt
            ? `Started ${stage.startedAt}${stage.endedAt ? `, ended ${stage.endedAt}` : ''}`
            : undefined,
        },
      },
      icon(STATE_ICON[stage.state], STATE_LABEL[stage.state]),
      el('span', { class: 'stage-label' }, stage.label),
      el('span', { class: 'stage-timing', testid: 'stage-timing' }, timing),
      stage.startedAt ? el('span', { class: 'stage-start description' }, clock(stage.startedAt)) : null,
      stage.error ? el('span', { class: 'stage-error', testid: 'stage-error' }, clip(stage.error, 300)) : null,
    );
  }
}
