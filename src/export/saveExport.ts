/**
 * Writes a run export where the user chooses (save dialog), in Agentify's JSON or as
 * OpenTelemetry OTLP/JSON. The only part of exporting that needs the editor.
 */
import * as vscode from 'vscode';
import type { AgentifyEvent } from '../events/types';
import type { ExportFormat, RunSummary } from '../protocol/demoViewer';
import { toOtlpTraces } from './otlp';
import { toRunJson } from './runJson';

export function exportText(format: ExportFormat, run: RunSummary, events: readonly AgentifyEvent[]): string {
  return format === 'json' ? toRunJson(run, events) : JSON.stringify(toOtlpTraces(run.workflowId, events), null, 2);
}

/** Asks where to save and writes the file; resolves to the saved location, or undefined when cancelled. */
export async function saveRunExport(format: ExportFormat, run: RunSummary, events: readonly AgentifyEvent[]): Promise<vscode.Uri | undefined> {
  const safeId = run.workflowId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  const name = format === 'json' ? `agentify-run-${safeId}.json` : `agentify-run-${safeId}.otlp.json`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { JSON: ['json'] },
    title: format === 'json' ? 'Export run as JSON' : 'Export run as OpenTelemetry (OTLP/JSON)',
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(exportText(format, run, events)));
  void vscode.window.showInformationMessage(`Run exported to ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}
