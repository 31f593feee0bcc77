/**
 * The Demo Viewer webview: restores its UI state, says `ready`, and hands each message the host
 * sends (checked against the protocol's schemas by the bridge) to the app. After a reload the run
 * that was shown is asked for again; its data is never kept in the webview state.
 */
import '../shared/theme.css';
import './styles.css';
import {
  AgentRegistrationsNotification,
  CompareNotification,
  ErrorNotification,
  EventNotification,
  FailuresNotification,
  HistoryNotification,
  OpenRunCommand,
  PricesNotification,
  ResetNotification,
  RunStatusNotification,
  StateNotification,
  TeamRunsNotification,
  ViewerUiState,
} from '../../src/protocol/demoViewer';
import { SessionNotification } from '../../src/protocol/demoViewer';
import { HostBridge } from '../shared/hostBridge';
import { ViewerApp } from './app';

const bridge = new HostBridge();
const restored = bridge.getState(ViewerUiState);
const app = new ViewerApp(document.getElementById('app')!, bridge, restored);
let first = true;

bridge.onNotification(StateNotification, (state) => {
  const wanted = first ? restored?.workflowId : undefined;
  first = false;
  app.onState(state);
  // The host lost the run it showed (a window reload restarts it): ask for it again, unless a
  // new run is live.
  if (wanted && state.run?.workflowId !== wanted && state.run?.status !== 'running')
    bridge.sendCommand(OpenRunCommand, { workflowId: wanted });
});
bridge.onNotification(EventNotification, (e) => app.onEvent(e));
bridge.onNotification(ResetNotification, ({ run }) => app.onReset(run));
bridge.onNotification(RunStatusNotification, ({ workflowId, status, endedAt }) =>
  app.onRunStatus(workflowId, status, endedAt),
);
bridge.onNotification(ErrorNotification, (error) => app.onError(error));
bridge.onNotification(HistoryNotification, ({ runs }) => app.onHistory(runs));
bridge.onNotification(SessionNotification, (view) => app.onSession(view));
bridge.onNotification(AgentRegistrationsNotification, (r) => app.registrations.render(r));
bridge.onNotification(PricesNotification, ({ prices }) => app.onPrices(prices));
bridge.onNotification(CompareNotification, ({ left, right }) => app.onCompare(left, right));
bridge.onNotification(TeamRunsNotification, (page) => app.onTeamRuns(page));
bridge.onNotification(FailuresNotification, (page) => app.onFailures(page));

bridge.ready();
