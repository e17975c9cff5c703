"""Shared plumbing for the two Python oracles (botocore_oracle.py, cli2_oracle.py).

Import this module FIRST: it installs the loopback guard before any AWS code is imported.
It must run on both the pyenv Python (botocore 1.43) and Debian's /usr/bin/python3 (AWS CLI v2).

Input items (JSON array): {"scenario": {"id", "explicitProfile"?}, "home": ABS, "cwd": ABS, "env": {...}}
where env is the complete environment the tool must see (HOME, safety variables, scenario vars)
and cwd the directory it runs in (a relative credential_process is found from there).
Output: JSON array of {"id", "result": OracleResult}.

Why HOME is a symlink here: botocore and the CLI compute several cache directories from "~" at
IMPORT time (SSOProvider._SSO_TOKEN_CACHE_DIR, SSOTokenProvider._SSO_TOKEN_CACHE_DIR, the CLI's
assume-role CACHE_DIR, ...). Running all scenarios in one process would make every scenario read
the first scenario's ~/.aws/sso/cache. So the process starts with HOME = a stable symlink (the
initial HOME of the oracle process) and, per scenario, the symlink is re-pointed at the scenario's
home; HOME stays the symlink path. To the tools this is just a user whose home directory is a
symlink. Paths in messages are mapped back to the scenario's real home.
"""
import json
import os
import signal
import sys
import time

_HERE = os.path.dirname(os.path.abspath(__file__))
_SUPPORT = os.path.normpath(os.path.join(_HERE, '..', '..', 'support'))
if _SUPPORT not in sys.path:
    sys.path.insert(0, _SUPPORT)
import loopback_guard  # noqa: E402  (must precede every AWS import)

TIMEOUT_S = int(os.environ.get('ORACLE_SCENARIO_TIMEOUT_S', '10'))
MFA_CODE = '123456'

# Captured once at start-up, before the environment is replaced per scenario.
STABLE_HOME = os.environ.get('HOME', '')
LOCAL_ENDPOINTS = json.loads(os.environ.get('ORACLE_ENDPOINTS', '{}'))

METHOD_TO_SOURCE = {
    'env': 'env',
    'shared-credentials-file': 'static',
    'config-file': 'static',
    'ec2-credentials-file': 'static',
    'boto-config': 'static',
    'assume-role': 'assume-role',
    'assume-role-with-web-identity': 'web-identity',
    'sso': 'sso',
    'login': 'login',
    'custom-process': 'process',
    'container-role': 'container',
    # Instance metadata is disabled and guarded, so this cannot succeed; it would mean the chain
    # fell through to IMDS, which is what "none" means for the JS SDK too.
    'iam-role': 'none',
}

MFA_PROMPTS = []

# Whether install_endpoint_patch redirects inner clients now (a probe with ownEndpoints turns it off).
ENDPOINT_PATCH = {'on': True}


def install_fake_mfa_prompt():
    """Simulate a user at a terminal typing an MFA code.

    Must be called BEFORE botocore is imported: botocore binds `prompter=getpass.getpass` as a
    default argument when credentials.py is imported. Like the real getpass without a terminal, the
    prompt goes to stderr, and after the (unechoed) answer a newline.
    """
    import getpass

    def fake_getpass(prompt='Password: ', stream=None):
        MFA_PROMPTS.append(prompt)
        try:
            sys.stderr.write(prompt + '\n')
        except Exception:
            pass
        return MFA_CODE

    getpass.getpass = fake_getpass


def install_endpoint_patch(session_cls):
    """Redirect the inner sts / sso / sso-oidc clients to the local servers.

    This only changes WHERE requests go (it fills `endpoint_url` when the caller gave none),
    never how credentials are resolved: AWS CLI v2 2.9.19 predates AWS_ENDPOINT_URL_<SERVICE>, so
    without it its AssumeRole / GetRoleCredentials calls would aim at real AWS. For botocore 1.43,
    which honours AWS_ENDPOINT_URL_*, it is defence in depth.
    """
    if not LOCAL_ENDPOINTS or getattr(session_cls.create_client, '_oracle_patched', False):
        return
    orig = session_cls.create_client

    def create_client(self, service_name, *args, **kwargs):
        url = LOCAL_ENDPOINTS.get(service_name) if ENDPOINT_PATCH['on'] else None
        if url and len(args) < 5 and not kwargs.get('endpoint_url'):
            kwargs['endpoint_url'] = url
            region = args[0] if args else kwargs.get('region_name')
            if service_name == 'sts' and not region:
                try:
                    region = self.get_config_variable('region')
                except Exception:
                    region = None
                if not region:
                    # With no region, botocore and the CLI send STS calls to the global endpoint
                    # https://sts.amazonaws.com, signed for us-east-1. A custom endpoint_url loses
                    # that fallback (the signer would have no region: NoRegionError), so name
                    # us-east-1 explicitly: same request, same signing scope, only the host differs.
                    kwargs['region_name'] = 'us-east-1'
        return orig(self, service_name, *args, **kwargs)

    create_client._oracle_patched = True
    session_cls.create_client = create_client


def load_items(argv):
    path = argv[0] if argv else '-'
    if path == '-':
        return json.load(sys.stdin)
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def write_results(results, argv):
    text = json.dumps(results)
    if len(argv) > 1:
        with open(argv[1], 'w', encoding='utf-8') as f:
            f.write(text)
    else:
        sys.__stdout__.write(text + '\n')
        sys.__stdout__.flush()


def enter_scenario(item, use_stable_home=True):
    """Replace os.environ in place (keeps references held by libraries valid) and point HOME."""
    env = dict(item['env'])
    home = item['home']
    if use_stable_home and STABLE_HOME:
        tmp = STABLE_HOME + '.next'
        if os.path.lexists(tmp):
            os.unlink(tmp)
        os.symlink(home, tmp)
        os.replace(tmp, STABLE_HOME)
        env['HOME'] = STABLE_HOME
    os.environ.clear()
    os.environ.update(env)
    if item.get('cwd'):
        os.chdir(item['cwd'])
    del MFA_PROMPTS[:]
    ENDPOINT_PATCH['on'] = not (item['scenario'].get('probe') or {}).get('ownEndpoints')
    timeout_ms = item['scenario'].get('timeoutMs')
    CURRENT_TIMEOUT_S['s'] = max(1, int((timeout_ms + 999) // 1000)) if timeout_ms else TIMEOUT_S


class OracleTimeout(Exception):
    pass


CURRENT_TIMEOUT_S = {'s': TIMEOUT_S}


class scenario_timeout(object):
    """The scenario's own limit (item.scenario.timeoutMs, set by enter_scenario) or the process's."""
    def __init__(self, seconds=None):
        self.seconds = seconds if seconds is not None else CURRENT_TIMEOUT_S['s']

    def __enter__(self):
        def on_alarm(signum, frame):
            raise OracleTimeout('oracle timeout: scenario took longer than %d s' % self.seconds)

        self._old = signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(self.seconds)
        return self

    def __exit__(self, *exc):
        signal.alarm(0)
        signal.signal(signal.SIGALRM, self._old)
        return False


def make_scrubber(item, secrets):
    """Scrub secrets, and map the stable HOME symlink back to the scenario's real home."""
    secrets = [s for s in secrets if isinstance(s, str) and len(s) >= 8]
    home = item['home']

    def scrub(text):
        if text is None:
            return None
        t = str(text)
        for s in secrets:
            t = t.replace(s, '<redacted>')
        if STABLE_HOME:
            t = t.replace(STABLE_HOME, home)
        return t

    return scrub


def take_guard_violations():
    v = list(loopback_guard.VIOLATIONS)
    del loopback_guard.VIOLATIONS[:]
    return v


def run_all(items, run_one):
    results = []
    for item in items:
        started = time.time()
        try:
            result = run_one(item)
        except BaseException as e:  # the oracle itself must never die half-way
            if isinstance(e, KeyboardInterrupt):
                raise
            result = {'profile': 'default', 'source': 'error', 'region': None,
                      'error': 'oracle crashed: %s: %s' % (type(e).__name__, e), 'detail': {}}
        detail = result.setdefault('detail', {}) or {}
        detail['ms'] = int((time.time() - started) * 1000)
        violations = take_guard_violations()
        if violations:
            detail['guardViolations'] = violations
        result['detail'] = detail
        results.append({'id': item['scenario']['id'], 'result': result})
    return results


# --------------------------------------------------------------------------- probes (claims.ts)
def fingerprint(value):
    """sha256:<16 hex>: how a probe shows a secret (the same in jsOracle.cjs and claims.ts)."""
    import hashlib
    if value is None:
        return None
    return 'sha256:' + hashlib.sha256(str(value).encode('utf-8', 'surrogatepass')).hexdigest()[:16]


def _probe_value(key, value, secret_key):
    if isinstance(value, dict):
        return dict((k, fingerprint(v) if secret_key.search(k) else v) for k, v in value.items())
    return fingerprint(value) if secret_key.search(key) else value


def _probe_sections(sections, secret_key):
    return dict((name, dict((k, _probe_value(k, v, secret_key)) for k, v in (keys or {}).items()))
                for name, keys in sections.items())


def run_probe(probe, session, creds, frozen, region):
    """What the probe asks of a botocore session (botocore 1.43, or the AWS CLI's own fork)."""
    import re
    out = {}
    secret_key = re.compile(probe.get('secretKeyName') or 'secret', re.I)
    was = ENDPOINT_PATCH['on']
    ENDPOINT_PATCH['on'] = False  # the tool's own answers, not the harness's redirections
    try:
        if probe.get('files'):
            try:
                # The config file alone (full_config would merge the credentials file over it).
                from botocore.configloader import load_config
                full = load_config(session.get_config_variable('config_file'))
                sections = dict(full.get('profiles', {}))
                for name, keys in (full.get('sso_sessions') or {}).items():
                    sections['sso-session.' + name] = keys
                for name, keys in (full.get('services') or {}).items():
                    sections['services.' + name] = keys
                out['config'] = _probe_sections(sections, secret_key)
            except Exception as e:
                out['config'] = {'error': '%s: %s' % (type(e).__name__, e)}
            try:
                from botocore.configloader import raw_config_parse
                path = session.get_config_variable('credentials_file')
                out['credentials'] = _probe_sections(raw_config_parse(path), secret_key)
            except Exception as e:
                out['credentials'] = {'error': '%s: %s' % (type(e).__name__, e)}
        out['secret'] = fingerprint(frozen.secret_key) if frozen else None
        out['token'] = fingerprint(frozen.token) if frozen else None
        expiry = getattr(creds, '_expiry_time', None) if creds is not None else None
        out['expiry'] = expiry.isoformat() if expiry is not None else None
        # How the tool itself splits each credential_process it would run (botocore.compat).
        try:
            from botocore.compat import compat_shell_split
            split = {}
            for name, keys in session.full_config.get('profiles', {}).items():
                command = keys.get('credential_process') if isinstance(keys, dict) else None
                if isinstance(command, str):
                    try:
                        split[name] = compat_shell_split(command)
                    except Exception as e:
                        split[name] = {'error': '%s: %s' % (type(e).__name__, e)}
            out['processSplit'] = split
        except Exception as e:
            out['processSplit'] = {'error': '%s: %s' % (type(e).__name__, e)}
        try:
            # A regional service: STS alone falls back to its global endpoint without a region.
            session.create_client('dynamodb', region_name=region, aws_access_key_id='probe', aws_secret_access_key='probe')
            out['clientError'] = None
        except Exception as e:
            out['clientError'] = '%s: %s' % (type(e).__name__, e)
        if probe.get('endpoints'):
            out['endpoints'] = {}
            for service in probe['endpoints']:
                try:
                    client = session.create_client(service, region_name=region or 'us-east-1',
                                                   aws_access_key_id='probe', aws_secret_access_key='probe')
                    out['endpoints'][service] = client.meta.endpoint_url
                except Exception as e:
                    out['endpoints'][service] = {'error': '%s: %s' % (type(e).__name__, e)}
    finally:
        ENDPOINT_PATCH['on'] = was
    return out


def scrub_probe(probe, scrub):
    """Errors in a probe are the tool's words: scrubbed like every other message."""
    def walk(v):
        if isinstance(v, dict):
            return dict((k, walk(x)) for k, x in v.items())
        return scrub(v) if isinstance(v, str) and not v.startswith('sha256:') else v
    return walk(probe)
