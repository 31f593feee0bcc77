/**
 * Wires the Ideation Wizard into the editor: "Open Ideation Wizard", "Reset Wizard", and the
 * serializer that brings the panel back after a window reload. Builds the wizard's services from
 * what the composition root hands it.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { AwsClients } from '../../aws/clientFactory';
import type { AgentifyConfig } from '../../config/agentifyConfig';
import { AssistantService } from '../../wizard/assistant/assistantService';
import { BedrockAssistant } from '../../wizard/assistant/bedrock/bedrockAssistant';
import { OfflineAssistant } from '../../wizard/assistant/offline/offlineAssistant';
import { SingletonPanel } from '../singletonPanel';
import { IdeationWizardDeps, IdeationWizardPanel } from './ideationWizardPanel';
import { ProjectWriter } from '../../wizard/projectWriter';
import { WizardStateStore } from '../../wizard/wizardStateStore';

export interface IdeationWizardServices {
  config: () => AgentifyConfig;
  /** Bedrock runtime clients built from the AWS region and profile (never the DynamoDB endpoint). */
  clients: AwsClients;
  log: (message: string) => void;
}

export function registerIdeationWizard(context: vscode.ExtensionContext, services: IdeationWizardServices): void {
  const { config, log } = services;
  const store = new WizardStateStore(context.workspaceState);
  const bedrock = new BedrockAssistant({
    clients: services.clients,
    context: () => ({
      modelId: config().bedrock.modelId,
      region: config().infrastructure.dynamodb.region,
      profile: config().aws.profile,
    }),
  });
  const deps: IdeationWizardDeps = {
    extensionUri: context.extensionUri,
    store,
    assistant: new AssistantService({
      offline: new OfflineAssistant(),
      bedrock: () => bedrock,
      modelId: () => config().bedrock.modelId,
      log,
    }),
    writer: new ProjectWriter({
      folder: () => vscode.workspace.workspaceFolders?.[0]?.uri,
      // The table and endpoint in effect now: the project writes where the user's runs already are.
      config: () => ({ ...config().infrastructure.dynamodb }),
      decoratorsPath: path.join(context.extensionPath, 'python-decorators'),
      log,
    }),
    log,
  };
  const panels = new SingletonPanel({
    viewType: IdeationWizardPanel.viewType,
    title: IdeationWizardPanel.title,
    extensionUri: context.extensionUri,
    build: (panel) => new IdeationWizardPanel(panel, deps),
  });

  context.subscriptions.push(
    store,
    panels,
    vscode.commands.registerCommand('agentify.openIdeationWizard', () => void panels.show()),
    vscode.commands.registerCommand('agentify.resetWizard', async () => {
      const answer = await vscode.window.showWarningMessage(
        'Reset the Ideation Wizard? The design in progress is discarded.',
        { modal: true },
        'Reset',
      );
      if (answer !== 'Reset') return;
      await store.reset();
      void vscode.window.showInformationMessage('The Ideation Wizard starts again from the first step.');
    }),
  );
}
