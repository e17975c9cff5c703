/** This machine's platform as the engine names it (the default of `--platform`, and the extension's). */
import type { Platform } from '../engine/core/host';

export function hostPlatform(platform: NodeJS.Platform = process.platform): Platform {
  return platform === 'win32' || platform === 'darwin' ? platform : 'linux';
}
