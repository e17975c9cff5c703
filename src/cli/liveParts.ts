/**
 * The command line's side of the live check (planning, the child process, the batch): a bundle of
 * its own, dist/cli-live.js, loaded only with --live, so that a plain `diagnose` neither parses nor
 * holds it (the outcome classifier and its findings are a tenth of the command line's code).
 */
import { runLiveCheck } from '../live/liveCheck';
import { planLiveChecks, runLiveChecks } from '../live/liveBatch';
import { planLiveCheck } from '../live/plan';

export const liveParts = { runLiveCheck, planLiveChecks, runLiveChecks, planLiveCheck };
export type LiveParts = typeof liveParts;
