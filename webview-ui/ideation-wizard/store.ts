/**
 * The wizard's state in the webview: the design and the current step (persisted with setState for
 * a reload and sent to the host for the workspace), plus what is only on screen (validation
 * messages, the assistant's stream and suggestions, the file preview). Views read it and call
 * `update`; a structural change re-renders, typing only persists.
 */
import * as v from 'valibot';
import {
  AssistantInfo,
  LIMITS,
  ProjectPreview,
  STEPS,
  StepId,
  SuggestStep,
  Suggestion,
  WizardDesign,
  WizardState,
  emptyDesign,
} from '../../src/protocol/ideationWizard';
import { StepErrors } from './validation';

export interface AssistantRun {
  step: SuggestStep;
  requestId: string;
  text: string;
  busy: boolean;
  suggestion?: Suggestion;
  source?: 'offline' | 'bedrock';
  notice?: string;
  error?: string;
}

export interface WizardView {
  errors: StepErrors;
  /** Highest step index reached, for the step indicator. */
  reached: number;
  assistant?: AssistantRun;
  assistantInfo: AssistantInfo;
  preview?: ProjectPreview;
  /** The folder to generate into; undefined = the host's default (a new folder named after the workflow). */
  folder?: string;
  /** The user agreed, in the preview, to replace the existing files that differ. */
  replace?: boolean;
  selectedFile?: string;
  generating?: boolean;
  result?: { ok: boolean; message: string };
  /** The agent picked in the graph, waiting for a second click to connect. */
  connectFrom?: string;
}

export interface Persistence {
  setState(state: WizardState): void;
  save(state: WizardState): void;
}

export class WizardStore {
  state: WizardState;
  view: WizardView;
  private readonly listeners = new Set<() => void>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly persistence: Persistence,
    restored: WizardState | undefined,
  ) {
    this.state = restored ?? { step: 'objective', design: emptyDesign() };
    this.view = { errors: {}, reached: STEPS.indexOf(this.state.step), assistantInfo: { kind: 'offline' } };
  }

  get design(): WizardDesign {
    return this.state.design;
  }

  get stepIndex(): number {
    return STEPS.indexOf(this.state.step);
  }

  subscribe(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Changes the design. `render: false` for typing, so the field keeps focus. */
  update(mutate: (d: WizardDesign) => void, options: { render?: boolean } = {}): void {
    mutate(this.state.design);
    clampDesign(this.state.design);
    this.persist();
    if (options.render !== false) this.render();
  }

  setView(patch: Partial<WizardView>): void {
    Object.assign(this.view, patch);
    this.render();
  }

  goTo(step: StepId): void {
    this.state.step = step;
    this.view.errors = {};
    this.view.reached = Math.max(this.view.reached, STEPS.indexOf(step));
    if (this.view.assistant && this.view.assistant.step !== step) this.view.assistant = undefined;
    this.persist();
    this.render();
  }

  /** Replaces everything (host state on first load, or Reset Wizard). */
  replace(state: WizardState | undefined): void {
    this.state = state && v.is(WizardState, state) ? state : { step: 'objective', design: emptyDesign() };
    this.view = { errors: {}, reached: STEPS.indexOf(this.state.step), assistantInfo: this.view.assistantInfo };
    this.persist();
    this.render();
  }

  render(): void {
    for (const l of this.listeners) l();
  }

  private persist(): void {
    this.persistence.setState(this.state);
    // The host copy is for the next window; batching keystrokes keeps the message channel quiet.
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.persistence.save(this.state), 250);
  }
}

/** Keeps lists within the protocol's bounds: a longer list would be refused by the host. */
function clampDesign(d: WizardDesign): void {
  const cap = <T>(list: T[]) => (list.length > LIMITS.list ? list.splice(LIMITS.list) : undefined);
  cap(d.systems);
  cap(d.guardrails.constraints);
  cap(d.guardrails.forbiddenData);
  cap(d.guardrails.approvals);
  cap(d.demo.prompts);
  cap(d.demo.showcase);
  cap(d.demo.talkingPoints);
  cap(d.clarifications);
  cap(d.kpis);
  cap(d.agents);
  cap(d.datasets);
  for (const a of d.agents) cap(a.tools);
}
