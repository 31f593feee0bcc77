/**
 * Owns the Demo Viewer's team lists: a team's runs from the events table's runs index and its
 * recent failures from the failures index, one page at a time (the next page's cursor stays here,
 * never in the webview). When the table has no such index (the default demo table) the runs list
 * falls back to the workspace's own history with a one-line note saying how to get the team view;
 * a table that cannot be read (missing, no credentials) falls back the same way, the note saying why.
 */
import { type AwsClients, dynamoDbClient } from '../aws/clientFactory';
import { toUserError } from '../aws/awsErrors';
import { FAILURES_INDEX, RUNS_INDEX } from '../eventsTable/indexes';
import { IndexCursor, listFailures, listRuns } from '../eventsTable/indexQueries';
import { tableIndexNames } from '../eventsTable/tableFeatures';
import type { RunSummary, TeamFailure, TeamListPage, TeamRun } from '../protocol/demoViewer';

export interface TeamHistoryOptions {
  clients: AwsClients;
  /** Read on every call, so a settings change applies at once. */
  tableName: () => string;
  region?: () => string;
  /** The owner key the workspace's runs carry (the setting, else the workspace folder's name). */
  owner: () => string;
  /** The workspace's own runs, for the fallback. */
  localRuns: () => readonly RunSummary[];
  /** Items per page. Default 20. */
  pageSize?: number;
}

export const NO_RUNS_INDEX_NOTE =
  `The events table has no ${RUNS_INDEX}, so this lists this workspace's runs only. ` +
  'Deploy the template with EnableRunsIndex=true to list the team’s runs.';
export const NO_FAILURES_INDEX_NOTE =
  `The events table has no ${FAILURES_INDEX}, so recent failures cannot be listed. ` +
  'Deploy the template with EnableFailuresIndex=true to list them.';

interface ListState {
  key: string;
  cursor?: IndexCursor;
}

export class TeamHistory {
  private readonly lists = new Map<'runs' | 'failures', ListState>();

  constructor(private readonly options: TeamHistoryOptions) {}

  /** The first page of the team's runs, or (`more`) the page after the last one given. */
  async runs(more: boolean): Promise<TeamListPage<TeamRun>> {
    const owner = this.options.owner();
    return this.read<TeamRun>(
      'runs',
      more,
      RUNS_INDEX,
      async (doc, tableName, cursor) => {
        const page = await listRuns(doc, tableName, { owner, limit: this.options.pageSize, cursor });
        const items = page.items.map((r): TeamRun => ({
          workflowId: r.workflowId,
          prompt: r.prompt ?? r.workflowName ?? '',
          workflowName: r.workflowName,
          startedAt: r.startedAt,
          endedAt: r.endedAt,
          status: r.status,
        }));
        return { items, cursor: page.cursor };
      },
      (note) => ({
        source: 'local',
        owner,
        items: this.options.localRuns().map((r) => ({
          workflowId: r.workflowId,
          prompt: r.prompt,
          startedAt: r.startedAt,
          endedAt: r.endedAt,
          status: r.status,
        })),
        hasMore: false,
        append: false,
        note: note ?? NO_RUNS_INDEX_NOTE,
      }),
    );
  }

  /** The first page of the team's recent failures, or (`more`) the next one. */
  async failures(more: boolean): Promise<TeamListPage<TeamFailure>> {
    const owner = this.options.owner();
    return this.read<TeamFailure>(
      'failures',
      more,
      FAILURES_INDEX,
      async (doc, tableName, cursor) => {
        const page = await listFailures(doc, tableName, { owner, limit: this.options.pageSize, cursor });
        return { items: page.items, cursor: page.cursor };
      },
      (note) => ({
        source: 'local',
        owner,
        items: [],
        hasMore: false,
        append: false,
        note: note ?? NO_FAILURES_INDEX_NOTE,
      }),
    );
  }

  private async read<T>(
    list: 'runs' | 'failures',
    more: boolean,
    index: string,
    page: (
      doc: Awaited<ReturnType<AwsClients['documentClient']>>,
      tableName: string,
      cursor: IndexCursor | undefined,
    ) => Promise<{ items: T[]; cursor?: IndexCursor }>,
    /** The page shown without the index: its note is the reason (undefined = the index is absent). */
    fallback: (note?: string) => TeamListPage<T>,
  ): Promise<TeamListPage<T>> {
    const tableName = this.options.tableName();
    const owner = this.options.owner();
    const key = JSON.stringify([tableName, owner]);
    const state = this.lists.get(list);
    // "More" continues only the list it was asked of: a table or owner change starts over.
    const continuing = more && state?.key === key && state.cursor !== undefined;
    try {
      if (!continuing) {
        const indexes = await tableIndexNames(await dynamoDbClient(this.options.clients), tableName);
        if (!indexes.includes(index)) {
          this.lists.delete(list);
          return fallback();
        }
      }
      const doc = await this.options.clients.documentClient();
      const result = await page(doc, tableName, continuing ? state?.cursor : undefined);
      this.lists.set(list, { key, cursor: result.cursor });
      return { source: 'table', owner, items: result.items, hasMore: result.cursor !== undefined, append: continuing };
    } catch (err) {
      // A list the viewer reads on its own must not raise a banner on every open (no AWS set up
      // yet, a table still missing): the reason and the next step go in the list's note.
      this.lists.delete(list);
      const userError = toUserError(err, { tableName, region: this.options.region?.() ?? '' });
      return fallback(`The team list could not be read: ${userError.message}`);
    }
  }
}
