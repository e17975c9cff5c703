/** What looking for a `credential_process` program found (programs.ts, windowsPrograms.ts). */
export type ProgramCheck = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string; readonly program: string };
