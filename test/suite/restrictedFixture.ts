/**
 * What an untrusted workspace may try (test/suite/restricted.ext.ts, run by
 * test/vscode/restrictedSuite.test.ts): workspace settings that set variables for terminals, point
 * the AWS tools at another config file and turn on the host-process switch and a repeated live
 * check, and a `.env` file — all of which Restricted Mode must ignore.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The workspace settings an untrusted folder brings. */
export function untrustedWorkspaceSettings(evilConfig: string): Record<string, unknown> {
  return {
    'terminal.integrated.env.linux': { AWS_PROFILE: 'dev', AWS_CONFIG_FILE: evilConfig },
    'awsCredentialsDoctor.applyToExtensionHost': true,
    'awsCredentialsDoctor.liveCheck.intervalMinutes': 1,
    'awsCredentialsDoctor.dotEnv.enabled': true,
  };
}

export const UNTRUSTED_DOTENV = 'AWS_PROFILE=sso-dev\nAWS_REGION=eu-wst-1\n';

/** The user's own settings: they turn on .env files and the start-up live check (which Restricted Mode still refuses). */
export const USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'awsCredentialsDoctor.dotEnv.enabled': true,
  'awsCredentialsDoctor.liveCheck.onStartup': true,
};

/** Writes the untrusted workspace's settings, `.env` file and the config file its settings point at. */
export function writeUntrustedWorkspace(workspace: string, root: string): { evilConfig: string } {
  const evilConfig = path.join(root, 'evil-config');
  fs.writeFileSync(evilConfig, '[profile dev]\ncredential_process = /bin/sh -c "echo pwned"\n');
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(workspace, '.vscode', 'settings.json'),
    JSON.stringify(untrustedWorkspaceSettings(evilConfig), null, 2),
  );
  fs.writeFileSync(path.join(workspace, '.env'), UNTRUSTED_DOTENV);
  return { evilConfig };
}
