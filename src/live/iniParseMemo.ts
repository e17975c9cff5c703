/**
 * The AWS SDK's shared-config parser, remembered in the live check's child process. A check of
 * many profiles runs the SDK's credential chain and an STS client per profile, and each of them
 * loads the config and credentials files again: every load parses both files (the SDK keeps the
 * text it read, not the parse), several times per check, so that checking every profile of a home
 * of 3,500 profiles spent most of its time parsing the same text. The parse is a pure function of
 * the text; each caller gets its own copy of the sections (their values are strings), exactly as a
 * fresh parse would give, because the SDK changes what it gets (mergeConfigFiles assigns the
 * credentials file's keys into the config file's sections). A text that fails to parse fails again.
 *
 * esbuild.config.mjs puts this around the parser of @smithy/core's config module in dist/live.js
 * only; the build fails if that parser is not found.
 */
type Parsed = Record<string, Record<string, string>>;

/** The texts remembered (a config and a credentials file, and a changed version of each). */
const KEPT = 4;

export function memoizedParse(parse: (text: string) => Parsed): (text: string) => Parsed {
  const kept = new Map<string, { parsed: Parsed } | { error: unknown }>();
  return (text) => {
    let entry = kept.get(text);
    if (!entry) {
      try {
        entry = { parsed: parse(text) };
      } catch (error) {
        entry = { error };
      }
      kept.set(text, entry);
      if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
    }
    if ('error' in entry) throw entry.error;
    const copy: Parsed = {};
    for (const [name, section] of Object.entries(entry.parsed)) copy[name] = { ...section };
    return copy;
  };
}
