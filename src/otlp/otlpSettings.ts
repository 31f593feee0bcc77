/** The receiver's settings from the config's `otlp` part, with a safe port for a bad value. */
import { OTLP_DEFAULT_PORT } from './otlpReceiver';

export interface OtlpSettings {
  /** `agentify.otlp.enabled`: run the receiver. Default true. */
  enabled: boolean;
  /** `agentify.otlp.port`: where to listen; 0 = any free port. Default 4318. */
  port: number;
}

export function readOtlpSettings(otlp: { enabled: boolean; port: number }): OtlpSettings {
  const { port } = otlp;
  const valid = Number.isInteger(port) && port >= 0 && port <= 65535;
  return { enabled: otlp.enabled, port: valid ? port : OTLP_DEFAULT_PORT };
}
