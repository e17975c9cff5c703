"""The profile keys a Python tool reads, from its own source: used by generate-known-keys.mjs.

    python3 known_keys.py botocore          # the botocore that python3 imports
    /usr/bin/python3 known_keys.py cli      # AWS CLI v2's package and the botocore it bundles

Prints JSON {"version", "profile": {key: [where]}, "nested": {block: {key: [where]}},
"ssoSession": {key: [where]}}. Where the tool keeps a table of its settings (configprovider's
session variables, the S3 and proxy blocks, the CLI's transfer DEFAULTS), the table is read;
elsewhere (the credential providers, the SSO token provider, instance metadata, the CLI's own
settings) the source is parsed (ast) and these are collected: string keys read from a value whose
name says it is a profile or a config (`profile_config.get('role_arn')`, `config['sso_region']`,
`'sso_session' in config`), the CLI's `config_var_name='cli_pager'`, and string constants of
settings (`ROLE_CONFIG_VAR = 'role_arn'`, `_SSO_CONFIG_VARS = [...]`, `scopes_var = '...'`).
"""
import ast
import json
import os
import re
import sys

SNAKE = re.compile(r'^[a-z][a-z0-9_]*$')
RECEIVER = re.compile(r'config|profile', re.I)
# A nested block's own dict (`s3_config.get('addressing_style')`): its keys are the block's, read from the tables.
NOT_A_PROFILE = re.compile(r's3|runtime|prox|client_config', re.I)
CONSTANT = re.compile(r'(?:^|_)(?:VAR|VARS|KEY|TOKENS|ACCOUNT_ID)$|_var$')

# Strings the patterns meet that are not profile keys: names of the parsed file's own parts, cache
# directories, fields of cached tokens and of the tool's internal tables.
NOT_KEYS = {
    'profiles', 'sso_sessions',  # full_config's top level, not a profile's
    'cache', 'sso',  # parts of the SSO cache directory (~/.aws/sso/cache)
    'session_name', 'registration_scopes',  # the SSO login's own arguments, filled from sso_session / sso_registration_scopes
    'plugins',  # the [plugins] section of the CLI
    'base', 'modes', 'config_property_name', 'env_var_names', 'instance_name', 'default',  # internal tables
    'ec2_credential_refresh_window',  # a field of instance-metadata credentials, not of a profile
}
SSO_SESSION_KEYS = re.compile(r'^sso_(start_url|region|registration_scopes)$')


def add(table, key, where):
    if isinstance(key, str) and SNAKE.match(key) and key not in NOT_KEYS:
        table.setdefault(key, set()).add(where)


def from_session_variables(module, where, profile, nested):
    """configprovider: the session variables and the S3 / proxy blocks, as the tool defines them.

    A setting's config key is a profile key (`'region'`), a key of a block (`('s3', 'addressing_style')`)
    or a list of both. The blocks themselves (`s3`, `proxies_config`) are read whole, and the proxy
    settings also as profile keys (SectionConfigProvider: the block, then each key on its own).
    """
    def config_key(key, block=None):
        if isinstance(key, str):
            add(profile, key, where)
            if block:
                add(nested.setdefault(block, {}), key, where)
        elif isinstance(key, tuple) and len(key) == 2:
            add(profile, key[0], where)
            add(nested.setdefault(key[0], {}), key[1], where)
        elif isinstance(key, list):
            for k in key:
                config_key(k, block)

    for spec in module.BOTOCORE_DEFAUT_SESSION_VARIABLES.values():
        config_key(spec[0])
    for spec in getattr(module, 'DEFAULT_S3_CONFIG_VARS', {}).values():
        config_key(spec[0])
    add(profile, 's3', where)
    proxies = getattr(module, 'DEFAULT_PROXIES_CONFIG_VARS', {})
    if proxies:
        add(profile, 'proxies_config', where)
        for spec in proxies.values():
            config_key(spec[0], 'proxies_config')


def from_source(path, where, profile, cli_level=False):
    """`cli_level`: the CLI's own modules, where a setting's logical name is its key (`output`, `cli_pager`)."""
    with open(path, encoding='utf-8') as f:
        src = f.read()
    tree = ast.parse(src)

    def receiver(node):
        text = ast.get_source_segment(src, node) or ''
        return RECEIVER.search(text) is not None and NOT_A_PROFILE.search(text) is None

    # Module-level tables (DEFAULT_S3_CONFIG_VARS, …) are read by from_session_variables, block by block.
    top = set(id(n) for n in tree.body)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'get' \
                and node.args and isinstance(node.args[0], ast.Constant) and receiver(node.func.value):
            add(profile, node.args[0].value, where)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and receiver(node.value):
            add(profile, node.slice.value, where)
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) \
                and any(isinstance(o, (ast.In, ast.NotIn)) for o in node.ops) and receiver(node.comparators[0]):
            add(profile, node.left.value, where)
        elif isinstance(node, ast.keyword) and node.arg == 'config_var_name' and isinstance(node.value, ast.Constant):
            add(profile, node.value.value, where)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'get_config_variable' \
                and cli_level and node.args and isinstance(node.args[0], ast.Constant):
            add(profile, node.args[0].value, where)
        elif isinstance(node, ast.Assign) and id(node) not in top and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name) and CONSTANT.search(node.targets[0].id):
            for c in ast.walk(node.value):
                if isinstance(c, ast.Constant):
                    add(profile, c.value, where)


CLI_MODULES = ('clidriver.py', 'paramfile.py', 'customizations/history/__init__.py', 'customizations/timestampformat.py',
               'customizations/sso/utils.py', 'customizations/sso/login.py', 'customizations/s3/factory.py')


def cli_package(cli, nested, profile, label):
    """An AWS CLI package (v1 beside botocore, v2 with its own botocore): its own settings and its `s3 =` block."""
    sources = []
    for f in CLI_MODULES:
        path = os.path.join(cli, f)
        if os.path.exists(path):
            sources.append(path)
    # The `s3 =` block of the transfer commands: the keys of its DEFAULTS table.
    from awscli.customizations.s3 import transferconfig
    for key in transferconfig.DEFAULTS:
        add(nested.setdefault('s3', {}), key, '%s customizations/s3/transferconfig.py DEFAULTS' % label)
    return sources


def main(mode):
    profile, nested = {}, {}
    cli_sources = []
    if mode == 'botocore':
        import botocore
        import botocore.configprovider as configprovider
        root, version, name = os.path.dirname(botocore.__file__), botocore.__version__, 'botocore'
        try:  # AWS CLI v1, which runs on this botocore
            import awscli
            if awscli.__version__.startswith('1.'):
                version += ' + awscli ' + awscli.__version__
                cli_sources = cli_package(os.path.dirname(awscli.__file__), nested, profile, 'awscli ' + awscli.__version__)
        except ImportError:
            pass
    else:
        import awscli
        import botocore.configprovider as configprovider  # the CLI's own botocore once awscli is imported
        cli = os.path.dirname(awscli.__file__)
        root, version, name = os.path.join(cli, 'botocore'), awscli.__version__, 'awscli'
        cli_sources = cli_package(cli, nested, profile, 'awscli')
    sources = [os.path.join(root, f) for f in ('credentials.py', 'tokens.py', 'utils.py', 'configprovider.py')]
    from_session_variables(configprovider, '%s/configprovider.py session variables' % name, profile, nested)
    base = os.path.dirname(root) if mode == 'botocore' else os.path.dirname(os.path.dirname(root))
    for path in sources:
        from_source(path, os.path.relpath(path, base), profile)
    for path in cli_sources:
        from_source(path, os.path.relpath(path, base), profile, cli_level=True)
    sso_session = dict((k, v) for k, v in profile.items() if SSO_SESSION_KEYS.match(k))
    out = {
        'version': version,
        'profile': dict((k, sorted(v)) for k, v in sorted(profile.items())),
        'nested': dict((b, dict((k, sorted(v)) for k, v in sorted(keys.items()))) for b, keys in sorted(nested.items())),
        'ssoSession': dict((k, sorted(v)) for k, v in sorted(sso_session.items())),
    }
    sys.stdout.write(json.dumps(out, indent=1, sort_keys=True) + '\n')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'botocore')
