/** What services read configuration through (ConfigService in the editor, a plain object in tests). */
import type { Event } from '../common/emitter';
import type { AgentifyConfig } from './agentifyConfig';

export interface ConfigSource {
  readonly current: AgentifyConfig;
  readonly onDidChange: Event<AgentifyConfig>;
}
