/** Region and endpoint rules: missing, malformed or unknown regions; local endpoints and keys. */
import { AWS_PARTITIONS } from '../core/awsRegions.generated';
import type { DiagnosisBase } from '../findings/diagnosis';
import { hasBehaviour } from '../core/toolVersions';
import { hasNoAwsSetup } from '../findings/diagnosis';
import type { Fix } from '../findings/findings';
import { entriesWithKey } from '../files/lexical';
import type { ToolId } from '../core/model';
import { TOOL_IDS } from '../core/model';
import type { Check } from './kit';
import {
  anyFileUnread,
  closest,
  declareCodes,
  filesInPlay,
  orAll,
  ruleModule,
  toolList,
  toolsUsingProfile,
} from './kit';

const NO_REGION = <const C extends string>(consequences: C) =>
  `No region is configured for profile "{profile}": ${consequences}, unless the region is given in code or on the command line. Set region in the profile, or AWS_REGION (read by the JavaScript SDK and AWS CLI v2) and AWS_DEFAULT_REGION (read by botocore and both CLIs).` as const;
const NODE_NO_REGION = 'the JavaScript SDK fails with "Region is missing" when a client is created';
const PYTHON_NO_REGION = 'boto3 raises NoRegionError ("You must specify a region") for every service but STS';
const CLI_NO_REGION = 'the AWS CLI stops with "You must specify a region"';
const NOT_A_REGION_NAME = <const S extends string, const U extends string>(suggestion: S, usedBy: U) =>
  `"{region}" is not a region name${suggestion}: the JavaScript SDK refuses it ("Region not accepted"), botocore raises InvalidRegionError, and a request can never be sent.${usedBy}` as const;
const NOT_A_REGION = <const S extends string, const U extends string>(suggestion: S, usedBy: U) =>
  `"{region}" is not an AWS region${suggestion}: requests go to an endpoint that does not exist and fail with a connection error.${usedBy}` as const;
const DID_YOU_MEAN = ' (did you mean {suggestion}?)';
const USED_BY = ' Used by {tools}.';
const REAL_KEYS_TO_LOCAL = <const W extends string>(endpoint: W) =>
  `Requests go to the local endpoint ${endpoint}, signed with real AWS keys ({tools}). Emulators accept any key, so this works, but your real keys are sent to a local process, and the same shell talks to real AWS once the endpoint variable is gone. Emulators are usually given placeholder keys (AWS_ACCESS_KEY_ID=local).` as const;
const STS_WITHOUT_REGION = <const H extends string, const F extends string>(have: H, fail: F) =>
  `{variable} overrides the STS endpoint but no region is set: {tools} then ${have} no region to sign the AssumeRole call with and ${fail} with "You must specify a region" (without an endpoint override they would use the global STS endpoint). Set AWS_DEFAULT_REGION or the profile's region.` as const;

const CODES = declareCodes({
  REGION_MISSING: {
    severity: 'warning',
    cause: 'No region for the profile in use.',
    fix: 'Set `region` in the profile or `AWS_REGION` and `AWS_DEFAULT_REGION`.',
    // Named by the tools that have no region, in TOOL_IDS order.
    messages: {
      node: NO_REGION(NODE_NO_REGION),
      python: NO_REGION(PYTHON_NO_REGION),
      cli: NO_REGION(CLI_NO_REGION),
      nodePython: NO_REGION(`${NODE_NO_REGION}; ${PYTHON_NO_REGION}`),
      nodeCli: NO_REGION(`${NODE_NO_REGION}; ${CLI_NO_REGION}`),
      pythonCli: NO_REGION(`${PYTHON_NO_REGION}; ${CLI_NO_REGION}`),
      nodePythonCli: NO_REGION(`${NODE_NO_REGION}; ${PYTHON_NO_REGION}; ${CLI_NO_REGION}`),
    },
  },
  REGION_MALFORMED: {
    severity: 'error',
    cause: 'A region that is not a region name (`us east 1`, `"eu-west-1"`): every tool refuses it.',
    fix: 'Use the suggested region.',
    messages: {
      main: NOT_A_REGION_NAME('', ''),
      didYouMean: NOT_A_REGION_NAME(DID_YOU_MEAN, ''),
      usedBy: NOT_A_REGION_NAME('', USED_BY),
      didYouMeanUsedBy: NOT_A_REGION_NAME(DID_YOU_MEAN, USED_BY),
    },
  },
  REGION_UNKNOWN: {
    severity: 'warning',
    cause: 'A well-formed name that is not an AWS region (`us-east-12`).',
    fix: 'Use the suggested region.',
    untestable:
      'The connection error needs a network (the tests reach only 127.0.0.1); the tests show the tools use the region.',
    messages: {
      main: NOT_A_REGION('', ''),
      didYouMean: NOT_A_REGION(DID_YOU_MEAN, ''),
      usedBy: NOT_A_REGION('', USED_BY),
      didYouMeanUsedBy: NOT_A_REGION(DID_YOU_MEAN, USED_BY),
    },
  },
  LOCAL_ENDPOINT_REAL_KEYS: {
    severity: 'warning',
    cause:
      'Real AWS keys are sent to a local emulator endpoint (AWS CLI v2 before 2.13.0 ignores configured endpoints and calls AWS).',
    fix: 'Give the emulator placeholder keys.',
    messages: {
      env: REAL_KEYS_TO_LOCAL('{url} ({variable})'),
      profile: REAL_KEYS_TO_LOCAL('{url} (endpoint_url, line {line})'),
      services: REAL_KEYS_TO_LOCAL('{url} ([services {services}] {service}, line {line})'),
    },
  },
  ENDPOINT_WITHOUT_REGION: {
    severity: 'error',
    cause:
      'An STS endpoint override without a region: botocore (and AWS CLI v2 from 2.13.0, which reads the override) cannot sign AssumeRole.',
    fix: 'Set a region.',
    messages: {
      one: STS_WITHOUT_REGION('has', 'fails'),
      many: STS_WITHOUT_REGION('have', 'fail'),
    },
  },
});

const LOCAL_HOST =
  /^[a-z]+:\/\/(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0|host\.docker\.internal|[\w.-]*\.localhost)(?::\d+)?(?:\/|$)/i;
const KNOWN_REGIONS = new Set(AWS_PARTITIONS.flatMap((p) => p.regions));
const REGION_PATTERNS = AWS_PARTITIONS.map((p) => new RegExp(p.regionRegex));

/** A local endpoint (an emulator such as DynamoDB Local, LocalStack) and where it is set: a variable, a profile's endpoint_url, or a [services] section. */
export type LocalEndpoint =
  | { readonly from: 'env'; readonly url: string; readonly variable: string }
  | { readonly from: 'profile'; readonly url: string; readonly line: number }
  | {
      readonly from: 'services';
      readonly url: string;
      readonly services: string;
      readonly service: string;
      readonly line: number;
    };

/** The local endpoint the active setup sends requests to, if any. */
export function localEndpoint(d: DiagnosisBase): LocalEndpoint | undefined {
  for (const [name, value] of Object.entries(d.input.env)) {
    if (/^AWS_ENDPOINT_URL(_\w+)?$/.test(name) && value && LOCAL_HOST.test(value))
      return { from: 'env', url: value, variable: name };
  }
  for (const t of TOOL_IDS) {
    const view = t === 'node' ? d.nodeView.merged : d.pyView.profiles;
    const profile = view.get(d.tools[t].profile);
    const s = profile?.get('endpoint_url');
    if (s && LOCAL_HOST.test(s.value)) return { from: 'profile', url: s.value, line: s.line };
    // `services = NAME` points at a [services NAME] section of per-service settings (`dynamodb =` then
    // an indented `endpoint_url = …`), which the JavaScript SDK's reading keeps as `dynamodb.endpoint_url`.
    const services = profile?.get('services')?.value;
    const section = services !== undefined ? d.nodeView.configProfiles.get(`services.${services}`) : undefined;
    for (const [key, e] of section ?? []) {
      if (key.endsWith('endpoint_url') && LOCAL_HOST.test(e.value))
        return { from: 'services', url: e.value, services: services!, service: key.split('.')[0], line: e.line };
    }
  }
  return undefined;
}

/**
 * The endpoint and where it is set, as one value of another rule's message
 * (`http://localhost:8000 (endpoint_url, line 3)`); LOCAL_ENDPOINT_REAL_KEYS has a template for each.
 */
export function endpointLabel(e: LocalEndpoint): string {
  switch (e.from) {
    case 'env':
      return `${e.url} (${e.variable})`;
    case 'profile':
      return `${e.url} (endpoint_url, line ${e.line})`;
    case 'services':
      return `${e.url} ([services ${e.services}] ${e.service}, line ${e.line})`;
  }
}

function strip(value: string): string {
  const c = /(^|\s)[;#]/.exec(value);
  return (c ? value.slice(0, c.index) : value).trim();
}

/** What is wrong with a region name, and the region meant. */
export function checkRegionName(region: string): { problem: 'malformed' | 'unknown'; suggestion?: string } | undefined {
  if (KNOWN_REGIONS.has(region)) return undefined;
  const normalised = region
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  const suggestion = KNOWN_REGIONS.has(normalised) ? normalised : closest(normalised, KNOWN_REGIONS, 3);
  if (!/^[a-z0-9-]+$/.test(region) || !REGION_PATTERNS.some((re) => re.test(region)))
    return { problem: 'malformed', suggestion };
  return { problem: 'unknown', suggestion };
}

const regionMissing: Check<typeof CODES> = ({ d, report }) => {
  // No setup at all: on an instance or in a container the region comes from there too.
  if (hasNoAwsSetup(d) || anyFileUnread(d)) return;
  // A region the tool refuses is not missing: REGION_MALFORMED says it.
  const tools = TOOL_IDS.filter(
    (t) => d.tools[t].region === null && !d.tools[t].regionRefused && d.tools[t].source !== 'error',
  );
  if (!tools.length) return;
  const profile = d.tools[tools[0]].profile;
  const section = d.pyView.configProfiles.has(profile)
    ? d.pyView.config.py.headerLines.get(d.pyView.configHeaders.get(profile) ?? '')
    : undefined;
  // The template is named by the tools without a region, in TOOL_IDS order: `python`, `nodeCli`, `nodePythonCli`, …
  const message = tools
    .map((t, i) => (i ? t[0].toUpperCase() + t.slice(1) : t))
    .join('') as keyof (typeof CODES)['REGION_MISSING']['messages'];
  report('REGION_MISSING', message, () => ({
    data: { profile },
    tools,
    env: 'AWS_REGION',
    fixes: [
      {
        title: `Set a region for profile "${profile}"`,
        action: { kind: 'setRegion', profile, path: d.pyView.config.path, afterLine: section ?? 0 },
        preferred: true,
      },
    ],
  }));
};

/** Where a region is written: a variable, or a value's span on a line of a file. */
type RegionPlace =
  | { env: string }
  | { file: string; fileKind: 'config' | 'credentials'; line: number; column: number; endColumn: number };

const regionNames: Check<typeof CODES> = ({ d, report }) => {
  const checked = new Map<string, ReturnType<typeof checkRegionName> | null>();
  const consider = (value: string, place: RegionPlace, toolsOf: () => ToolId[]) => {
    // Each distinct value checked once: a file may repeat one region a million times.
    let r = checked.get(value);
    if (r === undefined) checked.set(value, (r = checkRegionName(value) ?? null));
    if (!r) return;
    const code = r.problem === 'malformed' ? 'REGION_MALFORMED' : 'REGION_UNKNOWN';
    const { suggestion } = r;
    const tools = toolsOf();
    const rest = () => {
      const fixes: Fix[] = !suggestion
        ? []
        : 'env' in place
          ? [
              {
                title: `Set ${place.env}=${suggestion}`,
                action: { kind: 'setEnv', name: place.env, value: suggestion },
                preferred: true,
              },
            ]
          : [
              {
                title: `Change the region to ${suggestion}`,
                action: {
                  kind: 'replaceText',
                  path: place.file,
                  line: place.line,
                  column: place.column,
                  endColumn: place.endColumn,
                  text: suggestion,
                },
                preferred: true,
              },
            ];
      const { endColumn: _drop, ...location } = 'env' in place ? { ...place, endColumn: 0 } : place;
      void _drop;
      return {
        severity: code === 'REGION_MALFORMED' && tools.length ? ('error' as const) : ('warning' as const),
        tools: orAll(tools),
        ...location,
        fixes,
      };
    };
    if (suggestion && tools.length)
      report(code, 'didYouMeanUsedBy', () => ({
        data: { region: value, suggestion, tools: toolList(tools) },
        ...rest(),
      }));
    else if (suggestion) report(code, 'didYouMean', () => ({ data: { region: value, suggestion }, ...rest() }));
    else if (tools.length)
      report(code, 'usedBy', () => ({ data: { region: value, tools: toolList(tools) }, ...rest() }));
    else report(code, 'main', () => ({ data: { region: value }, ...rest() }));
  };
  const { env } = d.input;
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    consider(v, { env: name }, () => TOOL_IDS.filter((t) => regionFrom(d, t) === name));
  }
  for (const { file } of filesInPlay(d)) {
    for (const e of entriesWithKey(file.lexical, 'region')) {
      const profile = e.section!.profile;
      if (profile === undefined || e.delimiter !== '=' || !e.value) continue;
      const value = e.value.includes('#') || e.value.includes(';') ? strip(e.value) : e.value;
      // Most values are a known region: no place or closure built for them.
      if (!value || checked.get(value) === null) continue;
      const toolsOf = () => toolsUsingProfile(d, profile).filter((t) => regionFrom(d, t) === `${file.kind}:${e.line}`);
      consider(
        value,
        {
          file: file.path,
          fileKind: file.kind,
          line: e.line,
          column: e.valueColumn,
          endColumn: e.valueColumn + value.length,
        },
        toolsOf,
      );
    }
  }
};

/** Where the tool's region comes from, the refused one included (a region the JavaScript SDK refuses is still the one it reads). */
const regionFrom = (d: DiagnosisBase, t: ToolId): string | null =>
  d.tools[t].regionFrom ?? d.tools[t].regionRefused?.from ?? null;

/** Whether the tool sends requests to an endpoint configured in the environment or the files (AWS CLI v2 only from 2.13.0). The version is read last. */
const honoursConfiguredEndpoints = (d: DiagnosisBase, t: ToolId): boolean =>
  hasBehaviour(d.input.toolVersions, t, 'configuredEndpoints');

/** botocore and the AWS CLI with an STS endpoint override and no region: they cannot sign the role's STS call. */
function stsOverrideWithoutRegion(d: DiagnosisBase): { endpoint: string; tools: ToolId[] } | undefined {
  const { env } = d.input;
  const endpoint = env.AWS_ENDPOINT_URL_STS
    ? 'AWS_ENDPOINT_URL_STS'
    : env.AWS_ENDPOINT_URL
      ? 'AWS_ENDPOINT_URL'
      : undefined;
  if (!endpoint) return undefined;
  const tools = TOOL_IDS.filter(
    (t) =>
      t !== 'node' &&
      d.tools[t].region === null &&
      ['assume-role', 'web-identity'].includes(d.tools[t].source) &&
      honoursConfiguredEndpoints(d, t),
  );
  return tools.length ? { endpoint, tools } : undefined;
}

const localEndpointRealKeys: Check<typeof CODES> = ({ d, report }) => {
  const local = localEndpoint(d);
  if (!local) return;
  const failing = stsOverrideWithoutRegion(d)?.tools ?? [];
  const tools = TOOL_IDS.filter(
    (t) =>
      /^(AKIA|ASIA)[A-Z2-7]{16}$/.test(d.tools[t].credentials.accessKeyId?.value ?? '') &&
      !/EXAMPLE$/.test(d.tools[t].credentials.accessKeyId?.value ?? '') &&
      d.tools[t].source !== 'error' &&
      !failing.includes(t) &&
      honoursConfiguredEndpoints(d, t),
  );
  if (!tools.length) return;
  const rest = { tools, env: Object.keys(d.input.env).find((n) => /^AWS_ENDPOINT_URL/.test(n)) ?? undefined };
  const { url } = local;
  if (local.from === 'env')
    report('LOCAL_ENDPOINT_REAL_KEYS', 'env', () => ({
      data: { url, variable: local.variable, tools: toolList(tools) },
      ...rest,
    }));
  else if (local.from === 'profile')
    report('LOCAL_ENDPOINT_REAL_KEYS', 'profile', () => ({
      data: { url, line: local.line, tools: toolList(tools) },
      ...rest,
    }));
  else
    report('LOCAL_ENDPOINT_REAL_KEYS', 'services', () => ({
      data: { url, services: local.services, service: local.service, line: local.line, tools: toolList(tools) },
      ...rest,
    }));
};

const endpointWithoutRegion: Check<typeof CODES> = ({ d, report }) => {
  const found = stsOverrideWithoutRegion(d);
  if (!found) return;
  const { endpoint, tools } = found;
  report('ENDPOINT_WITHOUT_REGION', tools.length > 1 ? 'many' : 'one', () => ({
    data: { variable: endpoint, tools: toolList(tools) },
    tools,
    env: endpoint,
  }));
};

export const ENDPOINT_RULES = ruleModule(CODES, [
  regionMissing,
  regionNames,
  localEndpointRealKeys,
  endpointWithoutRegion,
]);
