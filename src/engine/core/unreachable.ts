/**
 * The end of an exhaustive switch over a union's `kind` (a FixAction, a shell, an effect): `value`
 * has type `never` only when every member was handled, so a new member fails to compile at each
 * place that must handle it. Reached at run time only with data from outside the types (a message
 * from another version of the worker): it throws rather than guess.
 */
export function unreachable(value: never, what: string): never {
  const kind = (value as { kind?: unknown } | null)?.kind ?? value;
  throw new Error(`unhandled ${what}: ${typeof kind === 'string' ? kind : typeof kind}`);
}
