/** Short forms of long texts, for the places that have room for one sentence (notifications, the status bar, labels). */

/** The first sentence of a text (a finding's message), cut at `max` characters; the whole text stays where there is room (Problems, Explain). */
export function firstSentence(s: string, max = 160): string {
  const m = /^(.*?[.!?])(?:\s|$)/.exec(s);
  const one = (m ? m[1] : s).trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** A path under the home directory written as `~/…`, as the Problems panel and the terminal show it. */
export function tildePath(path: string, home: string | undefined): string {
  if (!home || home === '/' || home === '\\') return path;
  const h = home.replace(/[\\/]+$/, '');
  return path === h ? '~' : path.startsWith(`${h}/`) || path.startsWith(`${h}\\`) ? `~${path.slice(h.length)}` : path;
}
