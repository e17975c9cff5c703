/**
 * What happens at start-up to the profile chosen with Switch Profile. Only a profile the user chose
 * in this workspace is applied again; the profile the user's shell started VS Code with is never
 * overridden silently: when the two differ, the user is told once (until they answer "Keep").
 */

/** A profile the user chose to keep over the one their shell started VS Code with. */
export interface KeptOverShell {
  readonly profile: string;
  readonly shell: string;
}

export interface RestorePlan {
  /** The profile to set for new terminals again (the remembered choice of this workspace). */
  readonly apply?: string;
  /** Withdraw an AWS_PROFILE the extension set that is no choice of this workspace (left from an older version). */
  readonly withdraw: boolean;
  /** Tell the user that the remembered profile differs from the shell's. */
  readonly tell?: { readonly remembered: string; readonly shell: string };
}

/**
 * The profile the shell selected: AWS_PROFILE, else AWS_DEFAULT_PROFILE (botocore and the AWS CLI
 * honour it; an AWS_PROFILE set for terminals overrides it), else none.
 */
export function shellProfileOf(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || undefined;
}

/**
 * @param remembered the profile remembered for this workspace (workspace state), if any
 * @param shell the profile of the environment VS Code was started with (shellProfileOf)
 * @param ours the AWS_PROFILE the extension's environment variable collection holds (VS Code keeps it across restarts)
 * @param kept the user's earlier answer "Keep" for this workspace, if any
 */
export function restorePlan(
  remembered: string | undefined,
  shell: string | undefined,
  ours: string | undefined,
  kept: KeptOverShell | undefined,
): RestorePlan {
  if (!remembered) return { withdraw: ours !== undefined };
  const differs = shell !== undefined && shell !== remembered;
  const answered = kept !== undefined && kept.profile === remembered && kept.shell === shell;
  return { apply: remembered, withdraw: false, tell: differs && !answered ? { remembered, shell: shell! } : undefined };
}
