/**
 * The repeated live check (`awsCredentialsDoctor.liveCheck.intervalMinutes`): one interval timer,
 * set again whenever the setting changes or the workspace becomes trusted (a workspace value of this
 * restricted setting counts only then), so no reload is needed.
 */
import * as vscode from 'vscode';
import { EXTENSION_PREFIX } from './commandIds';
import { Disposable } from './disposable';
import { SETTING_KEYS } from './settings';

const MAX_TIMER_MS = 2 ** 31 - 1;

export class LiveCheckSchedule extends Disposable {
  private timer: NodeJS.Timeout | undefined;
  private minutes = 0;

  /**
   * @param run runs the check quietly (it refuses by itself in Restricted Mode)
   * @param intervalMinutes the setting's current value (read at use time)
   */
  constructor(
    private readonly run: () => void,
    private readonly intervalMinutes: () => number,
  ) {
    super();
    const setting = `${EXTENSION_PREFIX}.${SETTING_KEYS.liveCheckIntervalMinutes}`;
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(setting)) this.reschedule();
      }),
    );
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.reschedule()));
    this._register({ dispose: () => this.stop() });
    this.reschedule();
  }

  /** The interval in effect, in minutes (0: none). */
  get currentMinutes(): number {
    return this.minutes;
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private reschedule(): void {
    if (this.isDisposed) return;
    const minutes = this.intervalMinutes();
    if (minutes === this.minutes && (this.timer !== undefined || minutes === 0)) return;
    this.stop();
    this.minutes = minutes;
    if (minutes > 0) this.timer = setInterval(this.run, Math.min(MAX_TIMER_MS, minutes * 60_000));
  }
}
