/** The receiver's settings as read from `agentify.otlp.*`, with safe fallbacks for bad values. */
import { OTLP_DEFAULT_PORT } from './otlpReceiver';

export interface OtlpSettings {
  /** `agentify.otlp.enabled`: run the receiver. Default true. */
  enabled: boolean;
  /** `agentify.otlp.port`: where to listen; 0 = any free port. Default 4318. */
  port: number;
}

export function readOtlpSettings(config: { get<T>(key: string, fallback: T): T }): OtlpSettings {
  const port = config.get<unknown>('otlp.port', OTLP_DEFAULT_PORT);
  const valid = typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535;
  const enabled = config.get<unknown>('otlp.enabled', true);
  return { enabled: enabled !== false, port: valid ? port : OTLP_DEFAULT_PORT };
}
