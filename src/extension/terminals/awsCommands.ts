/**
 * The AWS programs that change a shell or the AWS files, recognised from a command's words (the
 * same for every shell once its words are unquoted): sign-in and `aws configure` (files and caches
 * change), `aws-vault exec` (credentials of its own, or a subshell the model cannot see into),
 * granted's `assume` and `awsume` (they export credentials into the shell), and `eval` of
 * `aws configure export-credentials`.
 */
import { brokerVariables } from '../../engine/resolve/brokers';
import type { BrokerName } from '../../engine/resolve/brokers';
import type { EnvEffect } from './envEffects';
import type { CommandSelectors } from './envEffects';
import { BROKER_VARIABLES } from './envEffects';

/** A word of a command line after quote removal. */
export interface Word {
  /** The word's text with quotes removed and escapes resolved (dynamic parts kept as written). */
  readonly text: string;
  /** Whether the word contains an expansion the parser cannot evaluate (`$X`, `$(…)`, `(…)`, globs are not counted). */
  readonly dynamic: boolean;
}

export interface CommandEffects {
  readonly effects: readonly EnvEffect[];
  /** The command runs with credentials of its own (`aws-vault exec p -- cmd`). */
  readonly ownCredentials: boolean;
  /** What the command line itself selects (`aws … --profile p --region r --endpoint-url u`): it decides which profile an error is about. */
  readonly selectors?: CommandSelectors;
}

const NONE: CommandEffects = { effects: [], ownCredentials: false };

/** Options of the AWS CLI that take a value (so that `aws --profile p sso login` finds `sso`). */
const AWS_VALUE_OPTIONS = new Set([
  '--profile',
  '--region',
  '--output',
  '--endpoint-url',
  '--query',
  '--ca-bundle',
  '--cli-read-timeout',
  '--cli-connect-timeout',
  '--color',
  '--cli-binary-format',
  '--cli-error-format',
]);

/** The subcommand words of an `aws …` invocation, global options skipped. */
function awsSubcommand(args: readonly Word[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length && out.length < 2; i++) {
    const t = args[i].text;
    if (AWS_VALUE_OPTIONS.has(t)) {
      i++;
      continue;
    }
    if (t.startsWith('-')) continue;
    out.push(t);
  }
  return out;
}

const CHANGES_FILES = new Set([
  'sso login',
  'sso logout',
  'login',
  'logout',
  'configure set',
  'configure sso',
  'configure import',
  'configure sso-session',
]);

/**
 * The variables a broker writes: the keys, these, and the markers the engine reads for it
 * (brokers.ts: its name, profile and expiry), so that no marker of an earlier session stays known.
 */
function brokerNames(broker: BrokerName, extra: readonly string[], withExtras: boolean): string[] {
  return [...new Set([...BROKER_VARIABLES, ...extra, ...brokerVariables(broker, withExtras)])];
}

/** Credentials a broker exported into the shell, values not visible on the command line. */
function brokerSet(broker: BrokerName, why: string, extra: readonly string[] = []): EnvEffect[] {
  return brokerNames(broker, extra, false).map((name) => ({ kind: 'setUnknown' as const, name, why }));
}

function brokerUnset(broker: BrokerName, extra: readonly string[] = []): EnvEffect[] {
  return brokerNames(broker, extra, true).map((name) => ({ kind: 'unset' as const, name }));
}

/** The AWS CLI's global options that select the profile, the region and the endpoint, as given on the command line (`--x v` or `--x=v`). */
function awsSelectors(args: readonly Word[]): CommandSelectors | undefined {
  const out: { profile?: string; region?: string; endpointUrl?: string } = {};
  const names: Record<string, keyof typeof out> = {
    '--profile': 'profile',
    '--region': 'region',
    '--endpoint-url': 'endpointUrl',
  };
  for (let i = 0; i < args.length; i++) {
    const t = args[i].text;
    const eq = t.indexOf('=');
    const key = names[eq > 0 ? t.slice(0, eq) : t];
    if (!key) continue;
    const value = eq > 0 ? { text: t.slice(eq + 1), dynamic: args[i].dynamic } : args[++i];
    // A value the shell computes (`--profile $P`) is not known: the terminal's selection stands.
    if (value && !value.dynamic && value.text) out[key] = value.text;
  }
  return out.profile !== undefined || out.region !== undefined || out.endpointUrl !== undefined ? out : undefined;
}

/** What one command (its name first) does, for the AWS programs; nothing for every other program. */
export function awsCommandEffects(words: readonly Word[]): CommandEffects {
  if (!words.length) return NONE;
  const name = words[0].text.replace(/^.*\//, '');
  const args = words.slice(1);
  const flags = new Set(args.filter((w) => w.text.startsWith('-')).map((w) => w.text));
  switch (name) {
    case 'aws': {
      const sub = awsSubcommand(args);
      const selectors = awsSelectors(args);
      if (CHANGES_FILES.has(sub.join(' ')) || CHANGES_FILES.has(sub[0] ?? ''))
        return { effects: [{ kind: 'filesChanged' }], ownCredentials: false, selectors };
      return selectors ? { ...NONE, selectors } : NONE;
    }
    case 'aws-vault': {
      if (args[0]?.text !== 'exec') return NONE;
      const dashes = args.findIndex((w) => w.text === '--');
      const positional = args.slice(1).filter((w) => !w.text.startsWith('-'));
      const command = dashes >= 0 ? args.slice(dashes + 1) : positional.slice(1);
      if (!command.length || /^(?:ba|z|fi|k|da|tc)?sh$|^pwsh$/.test(command[0].text.replace(/^.*\//, ''))) {
        return { effects: [{ kind: 'unknown', why: 'a subshell started by aws-vault exec' }], ownCredentials: false };
      }
      return { effects: [], ownCredentials: true };
    }
    case 'assume':
    case 'assume.fish':
    case 'assume.ps1': {
      // granted: `assume p` exports the role's credentials and AWS_PROFILE/AWS_REGION; `assume --unset` removes them.
      if (flags.has('--unset') || flags.has('-un') || flags.has('-u'))
        return { effects: brokerUnset('granted', ['AWS_PROFILE', 'AWS_REGION']), ownCredentials: false };
      if (flags.has('-c') || flags.has('--console') || flags.has('-h') || flags.has('--help')) return NONE;
      if (flags.has('--exec') || flags.has('-x')) return { effects: [], ownCredentials: true };
      return {
        effects: brokerSet('granted', 'exported by granted (assume)', ['AWS_PROFILE', 'AWS_REGION']),
        ownCredentials: false,
      };
    }
    case 'awsume': {
      if (flags.has('-u') || flags.has('--unset'))
        return {
          effects: brokerUnset('awsume', ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION']),
          ownCredentials: false,
        };
      if (
        flags.has('-l') ||
        flags.has('--list-profiles') ||
        flags.has('-h') ||
        flags.has('--help') ||
        flags.has('-v') ||
        flags.has('--version')
      )
        return NONE;
      return {
        effects: brokerSet('awsume', 'exported by awsume', [
          'AWS_PROFILE',
          'AWS_DEFAULT_PROFILE',
          'AWS_REGION',
          'AWS_DEFAULT_REGION',
        ]),
        ownCredentials: false,
      };
    }
    default:
      return NONE;
  }
}

/** `eval "$(aws configure export-credentials … --format env)"` and other evals, from the evaluated text. */
export function evalEffects(text: string): EnvEffect[] {
  if (/\baws\b[^|;&]*\bconfigure\s+export-credentials\b/.test(text)) {
    const profile = /--profile[\s=]+([\w.@+-]+)/.exec(text)?.[1];
    return brokerSet(
      'aws configure export-credentials',
      `exported by aws configure export-credentials${profile ? ` --profile ${profile}` : ''}`,
    );
  }
  if (/\bAWS_\w+|\baws-vault\b|\bassume\b|\bawsume\b/.test(text))
    return [{ kind: 'unknown', why: 'an eval the extension cannot evaluate' }];
  return [];
}
