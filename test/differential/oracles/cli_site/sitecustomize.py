"""Loaded by Debian's python3 at start-up when this directory is on PYTHONPATH; used only by
`cli2_oracle.py --subprocess`, which runs the real /usr/bin/aws once per scenario.

1. Loopback guard first (any non-loopback connection raises).
2. The same tiny endpoint patch as the in-process oracle (oracle_common.install_endpoint_patch):
   AWS CLI v2 2.9.19 predates AWS_ENDPOINT_URL_<SERVICE>, so its inner sts / sso / sso-oidc
   clients are given endpoint_url = the local servers (ORACLE_ENDPOINTS). It only changes where
   requests go, not how credentials are resolved. MFA prompts are NOT faked here: the code arrives
   on stdin like a user typing it.
(This replaces Debian's own sitecustomize, which only installs the apport crash hook.)
"""
import os
import sys

_ORACLES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, _ORACLES)
_dont_write = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import oracle_common as _oc  # noqa: E402  (imports the loopback guard)

sys.dont_write_bytecode = _dont_write
sys.path.remove(_ORACLES)
try:
    import awscli  # noqa: E402,F401  (makes the vendored botocore importable as "botocore")
    import botocore.session  # noqa: E402
except ImportError:  # some other Python (e.g. a credential_process child) without awscli
    pass
else:
    _oc.install_endpoint_patch(botocore.session.Session)
