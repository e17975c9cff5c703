/**
 * The Get Started walkthrough (`contributes.walkthroughs`): opened once per installation. VS Code
 * opens an extension's walkthrough by itself only when the extension is installed in a running
 * window (from the Extensions view or *Install from VSIX…*); installed any other way (`code
 * --install-extension`, a dev container's list, settings sync) it would never be seen. The
 * user's setting for walkthroughs on install is honoured either way.
 */
import * as vscode from 'vscode';

export const WALKTHROUGH = 'gettingStarted';
/** globalState: the walkthrough has been offered on this machine (any window, any workspace). */
export const WALKTHROUGH_OFFERED_KEY = 'walkthrough.offered';

export function offerWalkthroughOnce(context: vscode.ExtensionContext): void {
  if (context.globalState.get<boolean>(WALKTHROUGH_OFFERED_KEY)) return;
  void context.globalState.update(WALKTHROUGH_OFFERED_KEY, true);
  if (!vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true))
    return;
  // `false`: in the active editor group, not to the side (the second argument means that since 1.93).
  void vscode.commands.executeCommand(
    'workbench.action.openWalkthrough',
    `${context.extension.id}#${WALKTHROUGH}`,
    false,
  );
}
