/** What looking for a `credential_process` program found (programs.ts, windowsPrograms.ts). */
export type ProgramCheck =
  | { readonly ok: true; readonly path: string }
  /** `denied`: the program is there but cannot be run (not executable, a directory): EACCES rather than ENOENT. */
  | { readonly ok: false; readonly reason: string; readonly program: string; readonly denied?: boolean };
