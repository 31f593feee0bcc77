/**
 * Answers the Demo Viewer's team lists (team runs, recent failures) from a TeamHistory, and sends
 * their first pages unasked when the webview is ready; a failure to read them reaches the viewer's
 * error banner with its message and next step.
 */
import type { TeamHistory } from '../../history/teamHistory';
import {
  ErrorNotification,
  FailuresNotification,
  ListFailuresCommand,
  ListTeamRunsCommand,
  TeamRunsNotification,
} from '../../protocol/demoViewer';
import type { MessageRouter } from '../../protocol/messageRouter';
import { toViewerError } from './demoViewerController';

export interface TeamHistoryHandlers {
  /** Sends both lists' first pages (on the webview's `ready`). */
  sendFirstPages(): Promise<void>;
}

export function handleTeamHistory(
  router: MessageRouter,
  team: Pick<TeamHistory, 'runs' | 'failures'>,
): TeamHistoryHandlers {
  const answer = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      router.notify(ErrorNotification, toViewerError(err));
    }
  };
  const runs = (more: boolean) => answer(async () => router.notify(TeamRunsNotification, await team.runs(more)));
  const failures = (more: boolean) =>
    answer(async () => router.notify(FailuresNotification, await team.failures(more)));
  router.onCommand(ListTeamRunsCommand, ({ more }) => runs(more));
  router.onCommand(ListFailuresCommand, ({ more }) => failures(more));
  return { sendFirstPages: async () => void (await Promise.all([runs(false), failures(false)])) };
}
