/**
 * The Ideation Wizard panel on the host: answers the webview's requests (assistant suggestions
 * streamed token by token, file preview, generation) and keeps its state in the workspace. One
 * panel at a time; the webview holds the UI, this class holds no design logic.
 */
import * as vscode from 'vscode';
import {
  AssistantTokenNotification,
  ChooseFolderRequest,
  GenerateRequest,
  PreviewRequest,
  ResetNotification,
  SaveStateCommand,
  StateNotification,
  SuggestRequest,
} from '../protocol/ideationWizard';
import { EventEmitter } from '../common/emitter';
import { WebviewPanelHost } from '../panels/webviewPanelHost';
import type { AssistantService } from './assistant/assistantService';
import type { ProjectWriter } from './projectWriter';
import type { WizardStateStore } from './wizardStateStore';

export interface IdeationWizardDeps {
  extensionUri: vscode.Uri;
  store: WizardStateStore;
  assistant: AssistantService;
  writer: ProjectWriter;
  log: (message: string) => void;
}

export class IdeationWizardPanel extends WebviewPanelHost {
  static readonly viewType = 'agentify.ideationWizard';
  static readonly title = 'Agentify: Ideation Wizard';
  private readonly abort = new AbortController();
  private readonly _onDidDispose = new EventEmitter<void>();
  readonly onDidDispose = this._onDidDispose.event;

  static create(deps: IdeationWizardDeps): IdeationWizardPanel {
    const panel = vscode.window.createWebviewPanel(
      IdeationWizardPanel.viewType,
      IdeationWizardPanel.title,
      vscode.ViewColumn.One,
      { enableScripts: true, retainContextWhenHidden: true },
    );
    return new IdeationWizardPanel(panel, deps);
  }

  constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: IdeationWizardDeps,
  ) {
    super(panel, deps.extensionUri, 'ideation-wizard', deps.log);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'activitybar.svg');
    this.register({ dispose: () => this.abort.abort() });
    this.register(deps.store.onDidReset(() => this.router.notify(ResetNotification, undefined)));
    this.router
      .onCommand(SaveStateCommand, (state) => deps.store.save(state))
      .onRequest(SuggestRequest, (p) =>
        deps.assistant.suggest(
          p.requestId,
          { step: p.step, design: p.design },
          (text) => this.router.notify(AssistantTokenNotification, { requestId: p.requestId, text }),
          this.abort.signal,
        ),
      )
      .onRequest(PreviewRequest, (p) => deps.writer.preview(p.design, p.folder))
      .onRequest(ChooseFolderRequest, async (p) => ({ folder: await deps.writer.chooseFolder(p.current) }))
      .onRequest(GenerateRequest, (p) => deps.writer.generate(p.design, p.folder, p.overwrite));
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this._onDidDispose.fire();
    this._onDidDispose.dispose();
  }

  protected onReady(): void {
    this.router.notify(StateNotification, {
      state: this.deps.store.load() ?? null,
      assistant: this.deps.assistant.info,
    });
  }
}
