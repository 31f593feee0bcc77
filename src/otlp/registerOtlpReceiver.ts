/**
 * Starts the OTLP receiver from the settings (`agentify.otlp.enabled`, `agentify.otlp.port`) and
 * restarts it when they change. The only part of the receiver that needs the editor; what it
 * receives leaves through `onEvents`, for the run session to merge.
 */
import * as vscode from 'vscode';
import { Event } from '../common/emitter';
import { describeError } from '../common/errors';
import type { AgentifyConfig } from '../config/agentifyConfig';
import { OtlpEventBatch, OtlpReceiver, ReceiverAddress } from './otlpReceiver';
import { OtlpSettings, readOtlpSettings } from './otlpSettings';

export interface OtlpReceiverHandle extends vscode.Disposable {
  /** One batch per run per accepted request, across restarts. */
  readonly onEvents: Event<OtlpEventBatch>;
  /** Where it listens now (for buildRunEnv's otlpEndpoint); undefined while off. */
  address(): ReceiverAddress | undefined;
}

export function registerOtlpReceiver(
  config: { current: AgentifyConfig; onDidChange: Event<unknown> },
  log: { info(m: string): void; warn(m: string): void },
): OtlpReceiverHandle {
  const receiver = new OtlpReceiver({ log: (line) => log.warn(line) });
  let applied: OtlpSettings | undefined;
  let chain = Promise.resolve();
  const apply = () => {
    chain = chain.then(async () => {
      const wanted = readOtlpSettings(config.current.otlp);
      if (applied && applied.enabled === wanted.enabled && applied.port === wanted.port) return;
      applied = wanted;
      await receiver.stop();
      if (!wanted.enabled) return log.info('[otlp] The OTLP receiver is off (agentify.otlp.enabled).');
      try {
        const at = await receiver.start(wanted.port);
        log.info(`[otlp] Receiving OpenTelemetry traces at ${at.url}/v1/traces (OTLP/HTTP, protobuf or JSON).`);
      } catch (err) {
        log.warn(
          `[otlp] The OTLP receiver could not start on 127.0.0.1:${wanted.port} (${describeError(err)}). ` +
            'Change agentify.otlp.port, or turn the receiver off with agentify.otlp.enabled.',
        );
      }
    });
  };
  apply();
  const watcher = config.onDidChange(apply);
  return {
    onEvents: receiver.onEvents,
    address: () => receiver.address,
    dispose: () => {
      watcher.dispose();
      receiver.dispose();
    },
  };
}
