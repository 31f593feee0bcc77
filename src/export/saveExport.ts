/**
 * Writes a run export where the user chooses (save dialog), in Agentify's JSON or as
 * OpenTelemetry OTLP/JSON, or sends it to an OTLP endpoint (`agentify.otlp.exportEndpoint`,
 * asked for once when empty). The only part of exporting that needs the editor.
 */
import * as vscode from 'vscode';
import type { AgentifyEvent } from '../events/types';
import type { ExportFormat, RunSummary } from '../protocol/demoViewer';
import { toOtlpTraces } from './otlp';
import { toRunJson } from './runJson';
import { sendRunToOtlp, tracesUrl } from './sendOtlp';

export function exportText(format: 'json' | 'otel', run: RunSummary, events: readonly AgentifyEvent[]): string {
  return format === 'json' ? toRunJson(run, events) : JSON.stringify(toOtlpTraces(run.workflowId, events), null, 2);
}

/** Asks where to save and writes the file; resolves to the saved location, or undefined when cancelled. */
export async function saveRunExport(
  format: ExportFormat,
  run: RunSummary,
  events: readonly AgentifyEvent[],
  exportEndpoint: string,
): Promise<vscode.Uri | undefined> {
  if (format === 'otlp-send') {
    await sendRunExport(run, events, exportEndpoint);
    return undefined;
  }
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

/** Sends the run over OTLP/HTTP (protobuf); errors reach the viewer as its error banner. */
async function sendRunExport(run: RunSummary, events: readonly AgentifyEvent[], saved: string): Promise<void> {
  let endpoint = saved.trim();
  if (!endpoint) {
    const typed = await vscode.window.showInputBox({
      title: 'Send to an OTLP endpoint',
      prompt: 'OTLP/HTTP endpoint of a collector or tool (Langfuse, Phoenix …), saved as agentify.otlp.exportEndpoint',
      placeHolder: 'http://localhost:4318',
      validateInput: (v) => {
        try {
          tracesUrl(v);
          return undefined;
        } catch (err) {
          return (err as Error).message;
        }
      },
    });
    if (!typed) return;
    endpoint = typed.trim();
    await vscode.workspace
      .getConfiguration('agentify')
      .update('otlp.exportEndpoint', endpoint, vscode.ConfigurationTarget.Global);
  }
  const sent = await sendRunToOtlp(endpoint, run.workflowId, events);
  const where = tracesUrl(endpoint).href;
  if (sent.rejectedSpans > 0) {
    void vscode.window.showWarningMessage(
      `${where} took ${sent.spans - sent.rejectedSpans} of ${sent.spans} spans and refused ${sent.rejectedSpans}` +
        `${sent.message ? `: ${sent.message}` : '.'}`,
    );
  } else void vscode.window.showInformationMessage(`Run sent to ${where} (${sent.spans} spans).`);
}
