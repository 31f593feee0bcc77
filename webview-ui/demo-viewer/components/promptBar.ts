/** The prompt with Run / Stop, the run's status and a live timer, and the export buttons. */
import type { ExportFormat, RunStatus } from '../../../src/protocol/demoViewer';
import { button, el, formatDuration, icon, replaceChildren } from '../../shared/dom';

const STATUS_TEXT: Record<RunStatus, string> = {
  idle: 'Ready',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  stopped: 'Stopped',
  timedOut: 'Stopped (timed out)',
};
const STATUS_ICON: Record<RunStatus, string> = {
  idle: 'circle-large-outline',
  running: 'loading codicon-modifier-spin',
  completed: 'pass-filled',
  failed: 'error',
  stopped: 'debug-stop',
  timedOut: 'watch',
};

export interface PromptBarHandlers {
  onRun(prompt: string): void;
  onStop(): void;
  onPromptChange(prompt: string): void;
  onExport(format: ExportFormat): void;
}

export class PromptBar {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly run: HTMLButtonElement;
  private readonly stop: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly timer: HTMLElement;
  private readonly exports: HTMLButtonElement[];

  constructor(prompt: string, h: PromptBarHandlers) {
    this.input = el('textarea', {
      class: 'prompt-input',
      testid: 'prompt-input',
      attrs: {
        rows: 2,
        maxlength: 10000,
        placeholder: 'Ask the workflow something…',
        'aria-label': 'Prompt for the workflow',
      },
      on: {
        input: () => h.onPromptChange(this.input.value),
        // Ctrl/Cmd+Enter runs, as in VS Code's chat inputs; Enter alone adds a line.
        keydown: (e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            this.submit(h);
          }
        },
      },
    });
    this.input.value = prompt;
    this.run = button('Run', () => this.submit(h), {
      icon: 'play',
      testid: 'run-button',
      title: 'Run the workflow (Ctrl+Enter)',
    });
    this.stop = button('Stop', () => h.onStop(), {
      icon: 'debug-stop',
      secondary: true,
      testid: 'stop-button',
      title: 'Stop the running workflow',
    });
    this.status = el('span', {
      class: 'run-status',
      testid: 'run-status',
      attrs: { role: 'status', 'aria-live': 'polite' },
    });
    this.timer = el('span', { class: 'run-timer', testid: 'run-timer', attrs: { 'aria-label': 'Run time' } });
    this.exports = [
      button('JSON', () => h.onExport('json'), { icon: 'json', secondary: true, title: 'Export this run as JSON' }),
      button('OpenTelemetry', () => h.onExport('otel'), {
        icon: 'export',
        secondary: true,
        title: 'Export this run as OpenTelemetry traces (OTLP/JSON)',
      }),
      button('Send', () => h.onExport('otlp-send'), {
        icon: 'cloud-upload',
        secondary: true,
        title: 'Send to an OTLP endpoint (agentify.otlp.exportEndpoint, HTTP/protobuf)',
      }),
    ];
    this.element = el(
      'div',
      { class: 'prompt-bar' },
      this.input,
      el('div', { class: 'prompt-actions' }, this.run, this.stop),
      el('div', { class: 'run-state' }, this.status, this.timer),
      el(
        'div',
        { class: 'export-actions', attrs: { role: 'group', 'aria-label': 'Export' } },
        el('span', { class: 'export-label' }, 'Export'),
        ...this.exports,
      ),
    );
  }

  get prompt(): string {
    return this.input.value;
  }

  /** Fills an empty prompt box (or replaces what is typed, when `replace`). */
  setPrompt(prompt: string, replace = false): void {
    if (prompt && (replace || !this.input.value)) this.input.value = prompt;
  }

  /** `elapsedTitle` says which definition of run time the timer shows. */
  update(status: RunStatus, elapsedMs: number | undefined, hasRun: boolean, elapsedTitle?: string): void {
    const running = status === 'running';
    this.run.disabled = running;
    this.stop.disabled = !running;
    for (const b of this.exports) b.disabled = !hasRun;
    this.status.className = `run-status status-${status}`;
    replaceChildren(this.status, icon(STATUS_ICON[status]), el('span', {}, STATUS_TEXT[status]));
    this.timer.textContent =
      elapsedMs === undefined ? (running && hasRun ? 'starting…' : '') : formatDuration(elapsedMs);
    if (elapsedTitle) this.timer.title = elapsedTitle;
  }

  private submit(h: PromptBarHandlers): void {
    const prompt = this.input.value.trim();
    if (!prompt) {
      this.input.focus();
      return;
    }
    h.onRun(prompt);
  }
}
