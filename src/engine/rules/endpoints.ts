/** Region and endpoint rules: missing, malformed or unknown regions; local endpoints and keys. */
import { AWS_PARTITIONS } from '../awsRegions.generated';
import type { DiagnosisBase } from '../diagnosis';
import { hasBehaviour } from '../toolVersions';
import { hasNoAwsSetup } from '../diagnosis';
import type { Finding } from '../findings';
import { FindingCode } from '../findings';
import { entriesWithKey } from '../lexical';
import type { ToolId } from '../model';
import { TOOL_IDS } from '../model';
import type { Rule } from './kit';
import { anyFileUnread, closest, emit, filesInPlay, finding, toolList, toolsUsingProfile } from './kit';

const LOCAL_HOST = /^[a-z]+:\/\/(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0|host\.docker\.internal|[\w.-]*\.localhost)(?::\d+)?(?:\/|$)/i;
const KNOWN_REGIONS = new Set(AWS_PARTITIONS.flatMap((p) => p.regions));
const REGION_PATTERNS = AWS_PARTITIONS.map((p) => new RegExp(p.regionRegex));

/** The local endpoint the active setup sends requests to (an emulator such as DynamoDB Local, LocalStack), if any. */
export function localEndpoint(d: DiagnosisBase): string | undefined {
  for (const [name, value] of Object.entries(d.input.env)) {
    if (/^AWS_ENDPOINT_URL(_\w+)?$/.test(name) && value && LOCAL_HOST.test(value)) return `${value} (${name})`;
  }
  for (const t of TOOL_IDS) {
    const view = t === 'node' ? d.nodeView.merged : d.pyView.profiles;
    const profile = view.get(d.tools[t].profile);
    const s = profile?.get('endpoint_url');
    if (s && LOCAL_HOST.test(s.value)) return `${s.value} (endpoint_url, line ${s.line})`;
    // `services = NAME` points at a [services NAME] section of per-service settings (`dynamodb =` then
    // an indented `endpoint_url = …`), which the JavaScript SDK's reading keeps as `dynamodb.endpoint_url`.
    const services = profile?.get('services')?.value;
    const section = services !== undefined ? d.nodeView.configProfiles.get(`services.${services}`) : undefined;
    for (const [key, e] of section ?? []) {
      if (key.endsWith('endpoint_url') && LOCAL_HOST.test(e.value)) return `${e.value} ([services ${services}] ${key.split('.')[0]}, line ${e.line})`;
    }
  }
  return undefined;
}

function strip(value: string): string {
  const c = /(^|\s)[;#]/.exec(value);
  return (c ? value.slice(0, c.index) : value).trim();
}

/** What is wrong with a region name, and the region meant. */
export function checkRegionName(region: string): { problem: 'malformed' | 'unknown'; suggestion?: string } | undefined {
  if (KNOWN_REGIONS.has(region)) return undefined;
  const normalised = region.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const suggestion = KNOWN_REGIONS.has(normalised) ? normalised : closest(normalised, KNOWN_REGIONS, 3);
  if (!/^[a-z0-9-]+$/.test(region) || !REGION_PATTERNS.some((re) => re.test(region))) return { problem: 'malformed', suggestion };
  return { problem: 'unknown', suggestion };
}

const regionMissing: Rule = (d) => {
  // No setup at all: on an instance or in a container the region comes from there too.
  if (hasNoAwsSetup(d) || anyFileUnread(d)) return [];
  // A region the tool refuses is not missing: REGION_MALFORMED says it.
  const tools = TOOL_IDS.filter((t) => d.tools[t].region === null && !d.tools[t].regionRefused && d.tools[t].source !== 'error');
  if (!tools.length) return [];
  const profile = d.tools[tools[0]].profile;
  const what: Record<ToolId, string> = {
    node: 'the JavaScript SDK fails with "Region is missing" when a client is created',
    python: 'boto3 raises NoRegionError ("You must specify a region") for every service but STS',
    cli: 'the AWS CLI stops with "You must specify a region"',
  };
  const section = d.pyView.configProfiles.has(profile) ? d.pyView.config.py.headerLines.get(d.pyView.configHeaders.get(profile) ?? '') : undefined;
  return [finding({
    code: FindingCode.RegionMissing,
    severity: 'warning',
    message: `No region is configured for profile "${profile}": ${tools.map((t) => what[t]).join('; ')}, unless the region is given in code or on the command line. Set region in the profile, or AWS_REGION (read by the JavaScript SDK and AWS CLI v2) and AWS_DEFAULT_REGION (read by botocore and both CLIs).`,
    tools,
    env: 'AWS_REGION',
    fixes: [{ title: `Set a region for profile "${profile}"`, action: { kind: 'setRegion', profile, path: d.pyView.config.path, afterLine: section ?? 0 }, preferred: true }],
  })];
};

const regionNames: Rule = (d) => {
  const out: Finding[] = [];
  const checked = new Map<string, ReturnType<typeof checkRegionName> | null>();
  const report = (value: string, place: { env: string } | { file: string; fileKind: 'config' | 'credentials'; line: number; column: number; endColumn: number }, toolsOf: () => ToolId[]) => {
    // Each distinct value checked once: a file may repeat one region a million times.
    let r = checked.get(value);
    if (r === undefined) checked.set(value, (r = checkRegionName(value) ?? null));
    if (!r) return;
    emit(d, out, r.problem === 'malformed' ? FindingCode.RegionMalformed : FindingCode.RegionUnknown, () => describe(value, r, place, toolsOf()));
  };
  const describe = (value: string, r: NonNullable<ReturnType<typeof checkRegionName>>, place: { env: string } | { file: string; fileKind: 'config' | 'credentials'; line: number; column: number; endColumn: number }, tools: ToolId[]) => {
    const used = tools.length > 0;
    const fix = r.suggestion
      ? 'env' in place
        ? [{ title: `Set ${place.env}=${r.suggestion}`, action: { kind: 'setEnv' as const, name: place.env, value: r.suggestion }, preferred: true }]
        : [{ title: `Change the region to ${r.suggestion}`, action: { kind: 'replaceText' as const, path: place.file, line: place.line, column: place.column, endColumn: place.endColumn, text: r.suggestion }, preferred: true }]
      : [];
    const { endColumn: _drop, ...location } = 'env' in place ? { ...place, endColumn: 0 } : place;
    void _drop;
    return {
      severity: r.problem === 'malformed' && used ? ('error' as const) : ('warning' as const),
      message: r.problem === 'malformed'
        ? `"${value}" is not a region name${r.suggestion ? ` (did you mean ${r.suggestion}?)` : ''}: the JavaScript SDK refuses it ("Region not accepted"), botocore raises InvalidRegionError, and a request can never be sent.${tools.length ? ` Used by ${toolList(tools)}.` : ''}`
        : `"${value}" is not an AWS region${r.suggestion ? ` (did you mean ${r.suggestion}?)` : ''}: requests go to an endpoint that does not exist and fail with a connection error.${tools.length ? ` Used by ${toolList(tools)}.` : ''}`,
      tools: tools.length ? tools : [...TOOL_IDS],
      ...location,
      fixes: fix,
    };
  };
  const { env } = d.input;
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    report(v, { env: name }, () => TOOL_IDS.filter((t) => regionFrom(d, t) === name));
  }
  for (const { file } of filesInPlay(d)) {
    for (const e of entriesWithKey(file.lexical, 'region')) {
      const profile = e.section!.profile;
      if (profile === undefined || e.delimiter !== '=' || !e.value) continue;
      const value = e.value.includes('#') || e.value.includes(';') ? strip(e.value) : e.value;
      // Most values are a known region: no place or closure built for them.
      if (!value || checked.get(value) === null) continue;
      const toolsOf = () => toolsUsingProfile(d, profile).filter((t) => regionFrom(d, t) === `${file.kind}:${e.line}`);
      report(value, { file: file.path, fileKind: file.kind, line: e.line, column: e.valueColumn, endColumn: e.valueColumn + value.length }, toolsOf);
    }
  }
  return out;
};

/** Where the tool's region comes from, the refused one included (a region the JavaScript SDK refuses is still the one it reads). */
const regionFrom = (d: DiagnosisBase, t: ToolId): string | null => d.tools[t].regionFrom ?? d.tools[t].regionRefused?.from ?? null;

/** Whether the tool sends requests to an endpoint configured in the environment or the files (AWS CLI v2 only from 2.13.0). The version is read last. */
const honoursConfiguredEndpoints = (d: DiagnosisBase, t: ToolId): boolean => hasBehaviour(d.input.toolVersions, t, 'configuredEndpoints');

/** botocore and the AWS CLI with an STS endpoint override and no region: they cannot sign the role's STS call. */
function stsOverrideWithoutRegion(d: DiagnosisBase): { endpoint: string; tools: ToolId[] } | undefined {
  const { env } = d.input;
  const endpoint = env.AWS_ENDPOINT_URL_STS ? 'AWS_ENDPOINT_URL_STS' : env.AWS_ENDPOINT_URL ? 'AWS_ENDPOINT_URL' : undefined;
  if (!endpoint) return undefined;
  const tools = TOOL_IDS.filter((t) => t !== 'node' && d.tools[t].region === null && ['assume-role', 'web-identity'].includes(d.tools[t].source) && honoursConfiguredEndpoints(d, t));
  return tools.length ? { endpoint, tools } : undefined;
}

const localEndpointRealKeys: Rule = (d) => {
  const local = localEndpoint(d);
  if (!local) return [];
  const failing = stsOverrideWithoutRegion(d)?.tools ?? [];
  const tools = TOOL_IDS.filter((t) => /^(AKIA|ASIA)[A-Z2-7]{16}$/.test(d.tools[t].credentials.accessKeyId?.value ?? '') && !/EXAMPLE$/.test(d.tools[t].credentials.accessKeyId?.value ?? '') && d.tools[t].source !== 'error' && !failing.includes(t) && honoursConfiguredEndpoints(d, t));
  if (!tools.length) return [];
  return [finding({
    code: FindingCode.LocalEndpointRealKeys,
    severity: 'warning',
    message: `Requests go to the local endpoint ${local}, signed with real AWS keys (${toolList(tools)}). Emulators accept any key, so this works, but your real keys are sent to a local process, and the same shell talks to real AWS once the endpoint variable is gone. Emulators are usually given placeholder keys (AWS_ACCESS_KEY_ID=local).`,
    tools,
    env: Object.keys(d.input.env).find((n) => /^AWS_ENDPOINT_URL/.test(n)) ?? undefined,
  })];
};

const endpointWithoutRegion: Rule = (d) => {
  const found = stsOverrideWithoutRegion(d);
  if (!found) return [];
  const { endpoint, tools } = found;
  return [finding({
    code: FindingCode.EndpointWithoutRegion,
    severity: 'error',
    message: `${endpoint} overrides the STS endpoint but no region is set: ${toolList(tools)} then ${tools.length > 1 ? 'have' : 'has'} no region to sign the AssumeRole call with and ${tools.length > 1 ? 'fail' : 'fails'} with "You must specify a region" (without an endpoint override they would use the global STS endpoint). Set AWS_DEFAULT_REGION or the profile's region.`,
    tools,
    env: endpoint,
  })];
};

export const ENDPOINT_RULES: readonly Rule[] = [regionMissing, regionNames, localEndpointRealKeys, endpointWithoutRegion];
