"""Real botocore INI parsing, for the parser differential test.

Reads a JSON list of file paths on stdin; for each prints what botocore makes of it:
raw_config_parse (sections, with [DEFAULT] injected and nested blocks) and load_config's profile
map, or the error it raises with configparser's line number. Runs botocore's own functions, nothing
re-implemented. Touches no network.
"""
import configparser
import json
import sys

from botocore import configloader
from botocore.exceptions import ConfigParseError


def error_line(exc):
    inner = exc.__context__ if isinstance(exc, ConfigParseError) else exc
    for e in (getattr(exc, 'kwargs', {}).get('error'), inner):
        if isinstance(e, configparser.ParsingError) and getattr(e, 'errors', None):
            return e.errors[0][0]
        if getattr(e, 'lineno', None):
            return e.lineno
    return None


def main():
    out = []
    for path in json.load(sys.stdin):
        try:
            raw = configloader.raw_config_parse(path)
            profiles = configloader.build_profile_map(raw)['profiles']
            out.append({'ok': True, 'sections': raw, 'profiles': profiles})
        except Exception as e:  # noqa: BLE001 - the differential records any failure
            inner = getattr(e, 'kwargs', {}).get('error')
            out.append({'ok': False, 'error': type(e).__name__, 'inner': type(inner).__name__ if inner else None, 'line': error_line(inner or e)})
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
