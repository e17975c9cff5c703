"""Real-tool oracle: AWS CLI v2 2.9.19 from Debian (run with /usr/bin/python3).

Usage: /usr/bin/python3 cli2_oracle.py [--subprocess] INPUT.json [OUTPUT.json]
(formats: see oracle_common.py)

What it runs per scenario is `aws configure list [--profile X]`, and the OracleResult comes from
the printed table: profile row (<not set> -> "default"), access_key row Type (= credentials.method,
mapped like botocore), region row (<not set> -> null). Non-zero exit -> "error" with stderr.

Two ways to run it, producing the same raw record {rc, stdout, stderr}:
  default       in-process: the CLI's own entry point, exactly what /usr/bin/aws calls
                (awscli.clidriver.AWSCLIEntryPoint().main(args), which builds a fresh CLIDriver and
                botocore Session), once per scenario inside this one process, with os.environ
                replaced and stdout/stderr captured. ~50x faster than a process per scenario.
  --subprocess  the real `/usr/bin/aws configure list` per scenario (2 in parallel), with
                cli_site/sitecustomize.py on PYTHONPATH (loopback guard + the same endpoint patch),
                and "123456\\n" on stdin for MFA prompts (no controlling terminal, so getpass reads
                stdin, as it would from a pipe).
oracleHarness.test.ts runs both on the same scenarios and requires identical records.
"""
import io
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_common as oc  # noqa: E402  (installs the loopback guard first)

AWS_BIN = '/usr/bin/aws'
SITE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cli_site')
# name, value, type, location as printed by '%10s %24s %16s    %s' (values may contain spaces,
# types never do; the greedy value keeps the LAST "type + 4 spaces" split).
ROW = re.compile(r'^\s*(\S+) (.*) (\S+)    (.*)$')


def parse_table(stdout):
    rows = {}
    for line in stdout.splitlines():
        m = ROW.match(line)
        if not m:
            continue
        name, value, typ, location = m.group(1), m.group(2).strip(), m.group(3), m.group(4)
        if name in ('Name', '----'):
            continue
        rows[name] = {'value': value, 'type': typ, 'location': location}
    return rows


def fallback_profile(item):
    # CLI v2's own order (configprovider: ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']); only used when
    # the CLI failed before printing its profile row.
    explicit = item['scenario'].get('explicitProfile')
    if explicit:
        return explicit
    env = item['env']
    for name in ('AWS_PROFILE', 'AWS_DEFAULT_PROFILE'):
        if env.get(name) is not None:
            return env[name]
    return 'default'


def hide_secret_row(stdout, rows):
    """The CLI prints the last 4 characters of the SECRET key; results carry none of it."""
    row = rows.get('secret_key')
    if not row or row['value'] == '<not set>':
        return stdout
    masked = '*' * 16 + '????'
    lines = stdout.split('\n')
    for i, line in enumerate(lines):
        if line.lstrip().startswith('secret_key '):
            lines[i] = line.replace(row['value'], masked, 1)
    row['value'] = masked
    return '\n'.join(lines)


def to_result(item, raw, scrub):
    rc, stdout, stderr = raw['rc'], raw['stdout'], raw['stderr']
    rows = parse_table(stdout)
    stdout = hide_secret_row(stdout, rows)
    detail = {'rc': rc, 'stdout': scrub(stdout), 'stderr': scrub(stderr), 'rows': rows}
    if 'mfaPrompts' in raw:
        detail['mfaPrompts'] = raw['mfaPrompts']
    prow = rows.get('profile')
    if prow is not None:
        profile = 'default' if prow['value'] == '<not set>' else prow['value']
    else:
        profile = fallback_profile(item)
    if rc != 0:
        err = scrub(stderr.strip()) or ('exit code %d' % rc)
        # The command failed, but the CLI still knows its region (see region_probe).
        return {'profile': profile, 'source': 'error', 'region': raw.get('region'), 'error': err, 'detail': detail}
    ak = rows.get('access_key')
    if ak is None or ak['value'] == '<not set>':
        source = 'none'
    else:
        detail['method'] = ak['type']
        detail['accessKeyIdLast4'] = ak['value'][-4:]
        source = oc.METHOD_TO_SOURCE.get(ak['type'], 'unknown')
    rrow = rows.get('region')
    region = None if rrow is None or rrow['value'] == '<not set>' else rrow['value']
    return {'profile': profile, 'source': source, 'region': region, 'error': None, 'detail': detail}


def cli_args(item):
    args = ['configure', 'list']
    explicit = item['scenario'].get('explicitProfile')
    if explicit:
        args += ['--profile', explicit]
    return args


# The region the CLI would use, asked of the CLI's own session with its own region chain
# (create_clidriver: --profile, AWS_REGION, AWS_DEFAULT_REGION, the profile's region, IMDS), for
# when `configure list` fails on credentials: its table is then never printed. None when even that
# raises (a config file botocore cannot parse, a missing profile without a region variable).
REGION_PROBE = '''
import sys
import awscli.clidriver as clidriver
try:
    driver = clidriver.create_clidriver()
    if len(sys.argv) > 1 and sys.argv[1]:
        driver.session.set_config_variable('profile', sys.argv[1])
    region = driver.session.get_config_variable('region')
except Exception:
    region = None
sys.stdout.write('' if region is None else '=' + region)
'''


def region_from_probe(output):
    return output[1:] if output.startswith('=') else None


# --------------------------------------------------------------------------- in-process
def run_in_process(items):
    oc.install_fake_mfa_prompt()  # before awscli/botocore are imported
    import awscli.clidriver as clidriver  # noqa: E402
    import botocore.session  # the CLI's vendored fork (awscli aliases it as "botocore")

    oc.install_endpoint_patch(botocore.session.Session)

    import awscli

    awscli_data = os.path.join(os.path.dirname(os.path.abspath(awscli.__file__)), 'data')

    def redo_startup_env():
        # What /usr/bin/aws and `import awscli` do to os.environ at start-up, redone for each
        # scenario's fresh environment (a real run would have them): the LC_CTYPE fix-up of
        # /usr/bin/aws, and AWS_DATA_PATH = the user's entries + awscli's own data directory.
        env = os.environ
        if env.get('LC_CTYPE', '') == 'UTF-8':
            env['LC_CTYPE'] = 'en_US.UTF-8'
        paths = []
        if 'AWS_DATA_PATH' in env:
            for p in env['AWS_DATA_PATH'].split(os.pathsep):
                paths.append(os.path.expanduser(os.path.expandvars(p)))
        paths.append(awscli_data)
        env['AWS_DATA_PATH'] = os.pathsep.join(paths)

    def run_one(item):
        oc.enter_scenario(item)
        redo_startup_env()
        out, err = io.StringIO(), io.StringIO()
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        try:
            with oc.scenario_timeout():
                try:
                    rc = clidriver.AWSCLIEntryPoint().main(cli_args(item))
                except SystemExit as e:
                    rc = e.code if isinstance(e.code, int) else 1
        except oc.OracleTimeout as e:
            rc = 124
            err.write('\n%s\n' % e)
        finally:
            sys.stdout, sys.stderr = saved
        raw = {'rc': rc, 'stdout': out.getvalue(), 'stderr': err.getvalue()}
        if rc != 0:
            probe_out = io.StringIO()
            saved = sys.stdout, sys.argv
            sys.stdout, sys.argv = probe_out, ['probe', item['scenario'].get('explicitProfile') or '']
            try:
                with oc.scenario_timeout():
                    exec(compile(REGION_PROBE, 'region_probe', 'exec'), {'__name__': 'region_probe'})
            except BaseException:
                pass
            finally:
                sys.stdout, sys.argv = saved
            raw['region'] = region_from_probe(probe_out.getvalue())
        if oc.MFA_PROMPTS:
            raw['mfaPrompts'] = list(oc.MFA_PROMPTS)
        scrub = oc.make_scrubber(item, [])
        result = to_result(item, raw, scrub)
        probe = item['scenario'].get('probe')
        if probe:
            result['probe'] = run_probe(item, probe, scrub)
        return result

    def run_probe(item, probe, scrub):
        # The CLI's own session, as create_clidriver builds it for a command (with --profile).
        out, saved = io.StringIO(), (sys.stdout, sys.stderr)
        sys.stdout, sys.stderr = out, out
        try:
            with oc.scenario_timeout():
                session = clidriver.create_clidriver().session
                explicit = item['scenario'].get('explicitProfile')
                if explicit:
                    session.set_config_variable('profile', explicit)
                creds, frozen = None, None
                try:
                    region = session.get_config_variable('region')
                except Exception:
                    region = None
                try:
                    creds = session.get_credentials()
                    frozen = creds.get_frozen_credentials() if creds is not None else None
                except Exception:
                    frozen = None
                probed = oc.run_probe(probe, session, creds, frozen, region)
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt):
                raise
            probed = {'error': '%s: %s' % (type(e).__name__, e)}
        finally:
            sys.stdout, sys.stderr = saved
        return oc.scrub_probe(probed, scrub)

    return oc.run_all(items, run_one)


# --------------------------------------------------------------------------- subprocess
def run_subprocesses(items, pool=2):
    import subprocess
    from concurrent.futures import ThreadPoolExecutor

    def run_one_raw(item):
        env = dict(item['env'])
        env['PYTHONPATH'] = SITE_DIR
        env['ORACLE_ENDPOINTS'] = os.environ.get('ORACLE_ENDPOINTS', '{}')
        env['PYTHONDONTWRITEBYTECODE'] = '1'  # no __pycache__ next to sitecustomize.py
        try:
            p = subprocess.run([AWS_BIN] + cli_args(item), env=env, input='%s\n' % oc.MFA_CODE,
                               capture_output=True, text=True, timeout=oc.TIMEOUT_S,
                               start_new_session=True, cwd=item.get('cwd') or item['home'])
            raw = {'rc': p.returncode, 'stdout': p.stdout, 'stderr': p.stderr}
            if p.returncode != 0:
                # /usr/bin/aws runs on /usr/bin/python3: the probe runs there too, with the same site.
                q = subprocess.run(['/usr/bin/python3', '-c', REGION_PROBE, item['scenario'].get('explicitProfile') or ''],
                                   env=env, capture_output=True, text=True, timeout=oc.TIMEOUT_S,
                                   start_new_session=True, cwd=item.get('cwd') or item['home'])
                raw['region'] = region_from_probe(q.stdout)
            return raw
        except subprocess.TimeoutExpired:
            return {'rc': 124, 'stdout': '', 'stderr': 'oracle timeout: scenario took longer than %d s' % oc.TIMEOUT_S}

    if any(item['scenario'].get('probe') for item in items):
        raise SystemExit('cli2_oracle: probes run in-process only (claims.ts never asks for --subprocess)')
    with ThreadPoolExecutor(max_workers=pool) as ex:
        raws = list(ex.map(run_one_raw, items))
    results = []
    for item, raw in zip(items, raws):
        # The child's getpass fallback prints the prompt to stderr; record it like in-process.
        prompts = re.findall(r'(Enter MFA code for \S+: )', raw['stderr'])
        if prompts:
            raw['mfaPrompts'] = prompts
        results.append({'id': item['scenario']['id'],
                        'result': to_result(item, raw, oc.make_scrubber(item, []))})
    return results


def main(argv):
    subprocess_mode = '--subprocess' in argv
    argv = [a for a in argv if a != '--subprocess']
    items = oc.load_items(argv)
    results = run_subprocesses(items) if subprocess_mode else run_in_process(items)
    oc.write_results(results, argv)


if __name__ == '__main__':
    main(sys.argv[1:])
