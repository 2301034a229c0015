// Every command Jobdeck registers; each lives in its own file (command id → file name).
import type * as vscode from 'vscode';
import type { CommandContext } from './context';
import { registerRefresh } from './refresh';
import { registerShowLog } from './showLog';
import { registerLoadMore } from './loadMore';
import { registerAddConnection } from './addConnection';
import { registerSetToken } from './setToken';
import { registerAllowTokenOrigin } from './allowTokenOrigin';
import { registerShowConnectionError } from './showConnectionError';
import { registerRetryConnection } from './retryConnection';
import { registerOpenSettings } from './openSettings';
import { registerClearFilter, registerFilter } from './filter';
import { registerSort } from './sort';
import { registerOpenJob } from './openJob';
import { registerOpenRow } from './openRow';
import { registerOpenDiff } from './openDiff';
import { registerLaunchJob } from './launchJob';
import { registerBulkLaunch } from './bulkLaunch';
import { registerStopJob } from './stopJob';
import { registerDeleteJob, registerDeleteJobNow } from './deleteJob';
import { registerBulkDelete } from './bulkDelete';
import { registerTailEvents } from './tailEvents';
import { registerStopTailing } from './stopTailing';
import { registerCopyJobId } from './copyJobId';
import { registerOpenInBrowser } from './openInBrowser';
import { registerRelaunch } from './relaunch';
import { registerWorkerAction } from './workerAction';
import { registerEnableJob } from './enableJob';
import { registerDisableJob } from './disableJob';
import { registerLaunchSpec } from './launchSpec';
import { registerShowReport } from './showReport';
import { registerEditJob } from './editJob';
import { registerSetCurrentTask } from './setCurrentTask';
import { registerOpenJobByName } from './openJobByName';
import { registerNewSpecFile } from './newSpecFile';
import { registerSaveJobReport } from './saveJobReport';
import { registerCopyJobAsMarkdown } from './copyJobAsMarkdown';
import { registerCopyJobLink } from './copyJobLink';
import { registerCompareJobs } from './compareJobs';
import { registerOpenAllChanges } from './openAllChanges';

export function registerCommands(s: CommandContext): vscode.Disposable[] {
  return [
    registerRefresh(s),
    registerShowLog(),
    registerLoadMore(s),
    registerAddConnection(s),
    registerSetToken(s),
    registerAllowTokenOrigin(s),
    registerShowConnectionError(s),
    registerRetryConnection(s),
    registerOpenSettings(),
    registerFilter(s),
    registerClearFilter(s),
    registerSort(s),
    registerOpenJob(s),
    registerOpenRow(s),
    registerOpenDiff(s),
    registerLaunchJob(s),
    registerBulkLaunch(s),
    registerStopJob(s),
    registerDeleteJob(s),
    registerDeleteJobNow(s),
    registerBulkDelete(s),
    registerTailEvents(s),
    registerStopTailing(s),
    registerCopyJobId(s),
    registerOpenInBrowser(s),
    registerRelaunch(s),
    registerWorkerAction(s),
    registerEnableJob(s),
    registerDisableJob(s),
    registerShowReport(s),
    registerEditJob(s),
    registerSetCurrentTask(s),
    registerOpenJobByName(s),
    registerNewSpecFile(s),
    ...registerLaunchSpec(s),
    registerSaveJobReport(s),
    registerCopyJobAsMarkdown(s),
    registerCopyJobLink(s),
    registerCompareJobs(s),
    registerOpenAllChanges(s),
  ];
}
