/**
 * The Ideation Wizard webview: restores the design from the webview state (a reload) or from the
 * host (the workspace), then renders the wizard and keeps both copies up to date.
 */
import '../shared/theme.css';
import './styles.css';
import { ResetNotification, SaveStateCommand, StateNotification, WizardState } from '../../src/protocol/ideationWizard';
import { HostBridge } from '../shared/hostBridge';
import { WizardApp } from './app';
import { AssistantController } from './assistant';
import { WizardStore } from './store';

// Generation waits for the user's answer to "overwrite?", and a model may think for a while.
const bridge = new HostBridge(10 * 60_000);
const restored = bridge.getState(WizardState);
const store = new WizardStore(
  { setState: (s) => bridge.setState(s), save: (s) => bridge.sendCommand(SaveStateCommand, s) },
  restored,
);
const assistant = new AssistantController(store, bridge);
const app = new WizardApp(document.getElementById('app')!, { store, assistant, bridge });

bridge.onNotification(StateNotification, ({ state, assistant: info }) => {
  store.view.assistantInfo = info;
  // The webview's own state is newer than the host's copy when the panel was only reloaded.
  if (!restored && state) store.replace(state);
  else store.render();
});
bridge.onNotification(ResetNotification, () => store.replace(undefined));

app.render();
bridge.ready();
