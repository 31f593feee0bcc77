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
} from '../../protocol/ideationWizard';
import { WebviewPanelHost } from '../webviewPanelHost';
import type { AssistantService } from '../../wizard/assistant/assistantService';
import type { ProjectWriter } from '../../wizard/projectWriter';
import type { WizardStateStore } from '../../wizard/wizardStateStore';

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

  constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: IdeationWizardDeps,
  ) {
    super(panel, deps.extensionUri, 'ideation-wizard', deps.log);
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

  protected onReady(): void {
    this.router.notify(StateNotification, {
      state: this.deps.store.load() ?? null,
      assistant: this.deps.assistant.info,
    });
  }
}
