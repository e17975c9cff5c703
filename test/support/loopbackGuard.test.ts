/**
 * The loopback guards refuse 169.254.169.254 (instance metadata) and allow 127.0.0.1, in Node
 * (loopbackGuard.cjs, loaded with --require) and in both Pythons the oracles use
 * (loopback_guard.py: the pyenv python3 with botocore, and Debian's /usr/bin/python3 with the CLI).
 * Nothing here connects to a non-loopback address: the guard throws before any packet is sent.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { PROJECT_ROOT } from './projectRoot';

const ROOT = PROJECT_ROOT;
const SUPPORT = path.join(ROOT, 'test', 'support');

const NODE_PROBE = `
const net = require('net'), http = require('http');
const out = {};
try { net.connect(80, '169.254.169.254'); out.rawImds = 'connected?!'; } catch (e) { out.rawImds = e.message; }
try { http.get('http://169.254.169.254/latest/meta-data/'); out.httpImds = 'requested?!'; } catch (e) { out.httpImds = e.message; }
try { require('dns').lookup('example.com', () => {}); out.dns = 'resolving?!'; } catch (e) { out.dns = e.message; }
{
  const srv = net.createServer((c) => c.end('pong')).listen(0, '127.0.0.1', () => {
    const c = net.connect(srv.address().port, '127.0.0.1');
    c.on('data', (d) => { out.loopback = String(d); srv.close(); console.log(JSON.stringify(out)); });
    c.on('error', (e) => { out.loopback = e.message; srv.close(); console.log(JSON.stringify(out)); });
  });
}`;

const PY_PROBE = `
import json, socket, urllib.request
import loopback_guard
out = {}
try:
    socket.create_connection(('169.254.169.254', 80), timeout=1); out['rawImds'] = 'connected?!'
except Exception as e:
    out['rawImds'] = '%s: %s' % (type(e).__name__, e)
try:
    urllib.request.urlopen('http://169.254.169.254/latest/meta-data/', timeout=1); out['httpImds'] = 'requested?!'
except Exception as e:
    out['httpImds'] = '%s: %s' % (type(e).__name__, e)
try:
    socket.getaddrinfo('example.com', 443); out['dns'] = 'resolved?!'
except Exception as e:
    out['dns'] = '%s: %s' % (type(e).__name__, e)
srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)
c = socket.create_connection(srv.getsockname(), timeout=2)
a, _ = srv.accept(); a.sendall(b'pong'); out['loopback'] = c.recv(4).decode()
out['violations'] = len(loopback_guard.VIOLATIONS)
print(json.dumps(out))
`;

const cleanEnv = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: SUPPORT,
  LANG: 'C.UTF-8',
  PYTHONDONTWRITEBYTECODE: '1',
};

describe('loopback guards', function () {
  this.timeout(30000);

  it('Node guard refuses 169.254.169.254 and non-loopback DNS, allows 127.0.0.1', function () {
    const r = spawnSync(process.execPath, ['--require', path.join(SUPPORT, 'loopbackGuard.cjs'), '-e', NODE_PROBE], {
      encoding: 'utf8',
      env: cleanEnv,
    });
    assert.strictEqual(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.strictEqual(out.rawImds, 'loopback guard: refused connection to 169.254.169.254:80');
    assert.match(out.httpImds, /^loopback guard: refused connection to 169\.254\.169\.254/);
    assert.match(out.dns, /^loopback guard: refused connection to example\.com/);
    assert.strictEqual(out.loopback, 'pong');
    assert.match(r.stderr, /loopback guard: refused connection to 169\.254\.169\.254:80/);
  });

  for (const python of ['python3', '/usr/bin/python3']) {
    it(`Python guard (${python}) refuses 169.254.169.254 and non-loopback DNS, allows 127.0.0.1`, function () {
      const r = spawnSync(python, ['-c', PY_PROBE], { encoding: 'utf8', env: { ...cleanEnv, PYTHONPATH: SUPPORT } });
      if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') this.skip();
      assert.strictEqual(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.strictEqual(out.rawImds, 'LoopbackGuardError: loopback guard: refused connection to 169.254.169.254:80');
      assert.match(out.httpImds, /loopback guard: refused connection to 169\.254\.169\.254/);
      assert.match(out.dns, /^LoopbackGuardError: loopback guard: refused connection to example\.com/);
      assert.strictEqual(out.loopback, 'pong');
      assert.ok(out.violations >= 3);
    });
  }
});
