/**
 * The Agent Registry webview: restores its filter, says `ready`, asks for the list, and hands each
 * state the host sends (checked against the protocol's schemas by the bridge) to the app.
 */
import '../shared/theme.css';
import './styles.css';
import { ListAgentsCommand, RegistryStateNotification, RegistryUiState } from '../../src/protocol/registry';
import { HostBridge } from '../shared/hostBridge';
import { RegistryApp } from './app';

const bridge = new HostBridge();
const restored = bridge.getState(RegistryUiState);
const app = new RegistryApp(document.getElementById('app')!, {
  initialCapability: restored?.capability ?? '',
  list: (capability, cursor) => bridge.sendCommand(ListAgentsCommand, { capability, ...(cursor ? { cursor } : {}) }),
  save: (capability) => bridge.setState({ capability }),
});
bridge.onNotification(RegistryStateNotification, (state) => app.onState(state));
bridge.ready();
app.refresh();
