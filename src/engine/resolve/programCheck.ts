/** What looking for a `credential_process` program found (programs.ts, windowsPrograms.ts). */
export type ProgramCheck =
  /** `relative`: named by a relative path, so found only from the directory the program runs in (EngineInput.cwd; unknown: assumed found). */
  | { readonly ok: true; readonly path: string; readonly relative?: boolean }
  /**
   * `denied`: the program is there but cannot be run (not executable, a directory): EACCES rather than ENOENT.
   * `pythonError`: botocore fails before looking for a program, with this message (an empty or unclosed command line).
   */
  | {
      readonly ok: false;
      readonly reason: string;
      readonly program: string;
      readonly denied?: boolean;
      readonly relative?: boolean;
      readonly pythonError?: string;
    };
