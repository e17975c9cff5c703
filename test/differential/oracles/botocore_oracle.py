"""Real-tool oracle: botocore 1.43 (run with the pyenv python3 that has botocore installed).

Usage: python3 botocore_oracle.py INPUT.json [OUTPUT.json]   (see oracle_common.py for formats)

Per scenario: botocore.session.Session(profile=explicitProfile or None); get_credentials();
None -> "none"; else get_frozen_credentials() forces the deferred STS / SSO calls, and
credentials.method decides the source (raw method kept in detail.method, so the engine can tell
shared-credentials-file from config-file). Any exception -> "error" with "Type: message".
"""
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_common as oc  # noqa: E402  (installs the loopback guard first)

oc.install_fake_mfa_prompt()  # before botocore is imported (default-argument binding)

import botocore  # noqa: E402
import botocore.session  # noqa: E402

oc.install_endpoint_patch(botocore.session.Session)


def run_one(item):
    oc.enter_scenario(item)
    explicit = item['scenario'].get('explicitProfile') or None
    detail = {'botocore': botocore.__version__}
    secrets = []
    frozen = None
    creds = None
    with oc.scenario_timeout():
        session = botocore.session.Session(profile=explicit)
        if explicit:
            profile = explicit
        else:
            try:
                # An empty AWS_PROFILE= is a profile named "" to botocore (ProfileNotFound), so
                # only None means "default".
                selected = session.get_config_variable('profile')
                profile = 'default' if selected is None else selected
            except Exception as e:  # not expected: the profile variable has no scoped lookup
                profile = 'default'
                detail['profileError'] = '%s: %s' % (type(e).__name__, e)
        region = None
        try:
            # A session of its own: a session caches the config file once read, even when reading
            # the credentials file then failed, and a later call would see that half-read config
            # (ProfileNotFound where a program gets ConfigParseError on its first call).
            region = botocore.session.Session(profile=explicit).get_config_variable('region')
        except Exception as e:
            detail['regionError'] = '%s: %s' % (type(e).__name__, e)
        source, error = None, None
        try:
            creds = session.get_credentials()
            if creds is None:
                source = 'none'
            else:
                detail['method'] = creds.method
                frozen = creds.get_frozen_credentials()
                secrets = [frozen.secret_key, frozen.token]
                detail['accessKeyIdLast4'] = (frozen.access_key or '')[-4:] or None
                detail['hasSessionToken'] = bool(frozen.token)
                source = oc.METHOD_TO_SOURCE.get(creds.method, 'unknown')
        except Exception as e:
            source, error = 'error', '%s: %s' % (type(e).__name__, e)
    scrub = oc.make_scrubber(item, secrets)
    if oc.MFA_PROMPTS:
        detail['mfaPrompts'] = list(oc.MFA_PROMPTS)
    for k in ('regionError', 'profileError'):
        if k in detail:
            detail[k] = scrub(detail[k])
    result = {'profile': profile, 'source': source, 'region': region or None,
              'error': scrub(error), 'detail': detail}
    probe = item['scenario'].get('probe')
    if probe:
        with oc.scenario_timeout():
            result['probe'] = oc.scrub_probe(oc.run_probe(probe, session, creds, frozen, region), scrub)
    return result


def main(argv):
    items = oc.load_items(argv)
    oc.write_results(oc.run_all(items, run_one), argv)


if __name__ == '__main__':
    main(sys.argv[1:])
