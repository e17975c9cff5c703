'use strict';
/**
 * Real-tool oracle: the AWS SDK for JavaScript v3 from this project's node_modules.
 *
 * Usage: node --require test/support/loopbackGuard.cjs jsOracle.cjs INPUT.json [OUTPUT.json]
 *   INPUT: JSON array of { scenario: { id, explicitProfile? }, home, cwd, env } where `env` is the
 *   complete environment the tool must see (the harness already put HOME, the safety variables
 *   and the scenario's variables with placeholders filled in) and `cwd` the directory it runs in
 *   (a relative credential_process is found from there). Reads stdin when INPUT is "-".
 *   OUTPUT: JSON array of { id, result: OracleResult } (stdout when omitted).
 *
 * Per scenario, in this one process: process.env is replaced wholesale, then
 *   - credentials: fromNodeProviderChain({ profile?, ignoreCache: true, logger })() and the
 *     $source feature codes of what it returned;
 *   - region: new STSClient({ profile? }).config.region();
 *   - profile: getProfileName({ profile? }) from @smithy/shared-ini-file-loader.
 * Each scenario gets its own HOME (the harness guarantees it), which side-steps the SDK's
 * per-path file cache used by the region lookup. Secrets never leave this process: only the last
 * four characters of the access key id are reported, and any secret or token is scrubbed from
 * messages and log lines.
 */
const fs = require('fs');

const DEFAULT_TIMEOUT_MS = Number(process.env.ORACLE_SCENARIO_TIMEOUT_MS || 10000);
const NO_CREDS = 'Could not load credentials from any providers';

// Keep stdout clean for the JSON result even if a library prints.
const realStdoutWrite = process.stdout.write.bind(process.stdout);
console.log = (...a) => process.stderr.write(a.map(String).join(' ') + '\n');
console.info = console.log;
console.warn = console.log;
console.debug = console.log;

// ORACLE_JS_SDK_DIR: another installation of the SDK (a pinned older version) to load instead.
const SDK_DIR = process.env.ORACLE_JS_SDK_DIR;
const load = (m) => require(SDK_DIR ? require.resolve(m, { paths: [SDK_DIR] }) : m);
const { fromNodeProviderChain } = load('@aws-sdk/credential-providers');
const { STSClient } = load('@aws-sdk/client-sts');
const { getProfileName, loadSharedConfigFiles } = load('@smithy/shared-ini-file-loader');
const crypto = require('crypto');

/** Feature-code classification (semantics §1.11). Order matters: the outermost mechanism wins. */
function classify(codes) {
  const has = (...cs) => cs.some((c) => codes.includes(c));
  if (has('i', 'o', 'p')) return 'assume-role';
  if (has('k', 'q', 'h')) return 'web-identity';
  if (has('r', 's', 't', 'u')) return 'sso';
  if (has('AC', 'AD')) return 'login'; // CREDENTIALS_PROFILE_LOGIN, CREDENTIALS_LOGIN
  if (has('v', 'w')) return 'process';
  if (has('z')) return 'container';
  if (has('0')) return 'none'; // instance metadata: never reachable here (disabled + guarded)
  if (has('g')) return 'env';
  if (has('n')) return 'static';
  return 'unknown';
}

function scrubber(secrets) {
  const list = secrets.filter((s) => typeof s === 'string' && s.length >= 8);
  return (text) => {
    let t = String(text);
    for (const s of list) t = t.split(s).join('<redacted>');
    return t;
  };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`oracle timeout: ${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** sha256:<16 hex>: how a probe shows a secret (the same in the Python oracles and claims.ts). */
function fingerprint(value) {
  return value === undefined || value === null
    ? null
    : 'sha256:' + crypto.createHash('sha256').update(String(value), 'utf8').digest('hex').slice(0, 16);
}

function probeFile(parsed, secretKey) {
  const out = {};
  for (const [section, keys] of Object.entries(parsed || {})) {
    out[section] = {};
    for (const [k, v] of Object.entries(keys || {})) {
      // A nested block's lines are "parent.sub" keys to the SDK: the secret test looks at the sub-key.
      out[section][k] = secretKey.test(k.split('.').pop()) ? fingerprint(v) : v;
    }
  }
  return out;
}

/** The configured endpoint of one service (botocore's name), as the SDK's clients look it up. */
async function configuredEndpoint(service) {
  let resolveEndpointConfig;
  try {
    ({ resolveEndpointConfig } = load('@smithy/core/endpoints'));
  } catch {
    ({ resolveEndpointConfig } = load('@smithy/middleware-endpoint'));
  }
  const config = resolveEndpointConfig({ serviceId: service.replace(/-/g, ' ') });
  const url = config.serviceConfiguredEndpoint ? await config.serviceConfiguredEndpoint() : undefined;
  return url === undefined ? null : String(url);
}

async function runProbe(probe, creds, regionError, TIMEOUT_MS) {
  const out = {};
  const secretKey = new RegExp(probe.secretKeyName, 'i');
  if (probe.files) {
    try {
      const { configFile, credentialsFile } = await withTimeout(
        loadSharedConfigFiles({ ignoreCache: true }),
        TIMEOUT_MS,
        'files',
      );
      out.config = probeFile(configFile, secretKey);
      out.credentials = probeFile(credentialsFile, secretKey);
    } catch (e) {
      out.config = out.credentials = { error: String(e && e.message) };
    }
  }
  out.secret = creds ? fingerprint(creds.secretAccessKey) : null;
  out.token = creds ? fingerprint(creds.sessionToken) : null;
  out.expiry =
    creds && creds.expiration instanceof Date && !Number.isNaN(creds.expiration.getTime())
      ? creds.expiration.toISOString()
      : null;
  out.clientError = regionError;
  if (probe.endpoints) {
    out.endpoints = {};
    for (const service of probe.endpoints) {
      try {
        out.endpoints[service] = await withTimeout(configuredEndpoint(service), TIMEOUT_MS, 'endpoint');
      } catch (e) {
        out.endpoints[service] = { error: String(e && e.message) };
      }
    }
  }
  return out;
}

async function runOne(item) {
  const scenario = item.scenario || {};
  const TIMEOUT_MS = scenario.timeoutMs || DEFAULT_TIMEOUT_MS;
  const explicitProfile = scenario.explicitProfile;
  // Replace the environment wholesale (no inherited AWS_* variables).
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, item.env);
  if (item.cwd) process.chdir(item.cwd);

  const logs = [];
  const logger = {
    trace: (...a) => logs.push(['trace', a.map(String).join(' ')]),
    debug: (...a) => logs.push(['debug', a.map(String).join(' ')]),
    info: (...a) => logs.push(['info', a.map(String).join(' ')]),
    warn: (...a) => logs.push(['warn', a.map(String).join(' ')]),
    error: (...a) => logs.push(['error', a.map(String).join(' ')]),
  };
  const profileInit = explicitProfile ? { profile: explicitProfile } : {};
  const profile = getProfileName(profileInit);

  let region = null;
  let regionError = null;
  try {
    region = (await withTimeout(new STSClient(profileInit).config.region(), TIMEOUT_MS, 'region')) ?? null;
  } catch (e) {
    region = null;
    regionError = e && e.message ? e.message : String(e);
  }

  let source;
  let error = null;
  let secrets = [];
  let resolved = null;
  const detail = { features: null, codes: [], accessKeyIdLast4: null, hasSessionToken: null, expiration: null };
  try {
    const provider = fromNodeProviderChain({ ...profileInit, ignoreCache: true, logger });
    const creds = await withTimeout(provider(), TIMEOUT_MS, 'credentials');
    resolved = creds;
    secrets = [creds.secretAccessKey, creds.sessionToken];
    const features = creds.$source || {};
    detail.features = features;
    detail.codes = Object.values(features).map(String);
    detail.accessKeyIdLast4 = creds.accessKeyId ? String(creds.accessKeyId).slice(-4) : null;
    detail.hasSessionToken = Boolean(creds.sessionToken);
    // An Invalid Date (AWS_CREDENTIAL_EXPIRATION=1e20) is what the SDK returns; toISOString would throw here.
    detail.expiration =
      creds.expiration instanceof Date
        ? Number.isNaN(creds.expiration.getTime())
          ? 'Invalid Date'
          : creds.expiration.toISOString()
        : null;
    source = classify(detail.codes);
  } catch (e) {
    const message = e && e.message !== undefined ? String(e.message) : String(e);
    detail.errorName = e && e.name;
    detail.tryNextLink = e && e.tryNextLink;
    if (message === NO_CREDS) {
      source = 'none';
    } else {
      source = 'error';
      error = message;
    }
  }
  const scrub = scrubber(secrets);
  detail.regionError = regionError && scrub(regionError);
  detail.warnings = logs.filter(([l]) => l === 'warn').map(([, m]) => scrub(m));
  detail.log = logs.filter(([l]) => l !== 'warn').map(([, m]) => scrub(m));
  const result = { profile, source, region, error: error === null ? null : scrub(error), detail };
  if (scenario.probe) result.probe = await runProbe(scenario.probe, resolved, detail.regionError, TIMEOUT_MS);
  return result;
}

/**
 * A FIFO in the scenario's home that the SDK opened hangs it (and the libuv thread reading it)
 * until someone writes: after a timed-out scenario, every FIFO there is opened for writing and
 * closed, which gives its readers end-of-file, so that the next scenarios have threads to read with.
 */
function releaseFifos(dir, depth = 0) {
  let entries = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = require('path').join(dir, e.name);
    if (e.isDirectory() && depth < 8) releaseFifos(p, depth + 1);
    else if (e.isFIFO()) {
      try {
        fs.closeSync(fs.openSync(p, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
      } catch {
        // ENXIO: nobody is reading it
      }
    }
  }
}

async function main() {
  const [inPath, outPath] = process.argv.slice(2);
  const raw = !inPath || inPath === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(inPath, 'utf8');
  const items = JSON.parse(raw);
  const out = [];
  for (const item of items) {
    const started = Date.now();
    let result;
    try {
      result = await runOne(item);
    } catch (e) {
      result = {
        profile: 'default',
        source: 'error',
        region: null,
        error: `oracle crashed: ${e && e.message}`,
        detail: {},
      };
    }
    result.detail = { ...(result.detail || {}), ms: Date.now() - started };
    if (JSON.stringify(result).includes('oracle timeout')) releaseFifos(item.home);
    const violations = globalThis.__loopbackGuardViolations;
    if (violations && violations.length) {
      result.detail.guardViolations = violations.splice(0);
    }
    out.push({ id: item.scenario && item.scenario.id, result });
  }
  const text = JSON.stringify(out);
  if (outPath) fs.writeFileSync(outPath, text);
  else realStdoutWrite(text + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`jsOracle failed: ${e && e.stack}\n`);
    process.exit(2);
  },
);
