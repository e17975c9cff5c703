'use strict';
/**
 * Loopback guard for test processes: `node --require test/support/loopbackGuard.cjs ...`.
 *
 * Any TCP connection (net, tls, http, https, fetch/undici: they all go through
 * net.Socket.prototype.connect) or DNS lookup for a host other than 127.0.0.1 / ::1 / localhost
 * throws "loopback guard: refused connection to X". Unix-domain sockets are allowed.
 * Every refusal is also written to stderr and recorded in globalThis.__loopbackGuardViolations,
 * so that a library which swallows the error still leaves a loud trace.
 */
const net = require('net');
const dns = require('dns');

const ALLOWED = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1', '[::1]']);
const violations = [];
globalThis.__loopbackGuardViolations = violations;

function refuse(what) {
  const msg = `loopback guard: refused connection to ${what}`;
  violations.push(msg);
  try {
    process.stderr.write(msg + '\n');
  } catch {
    /* ignore */
  }
  const err = new Error(msg);
  err.code = 'ELOOPBACKGUARD';
  throw err;
}

function isAllowedHost(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default is localhost
  return ALLOWED.has(String(host).toLowerCase());
}

const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  let first = args[0];
  if (Array.isArray(first)) first = first[0]; // net's internal normalized-args form
  let host;
  let port;
  let isPath = false;
  if (first !== null && typeof first === 'object') {
    if (first.path !== undefined && first.path !== null) isPath = true;
    host = first.host;
    port = first.port;
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    port = first;
    host = typeof args[1] === 'string' ? args[1] : undefined;
  } else if (typeof first === 'string') {
    isPath = true; // connect(path)
  }
  if (!isPath && !isAllowedHost(host)) refuse(`${host}:${port}`);
  return origConnect.apply(this, args);
};

const origLookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, ...rest) {
  if (!isAllowedHost(hostname)) refuse(`${hostname} (dns lookup)`);
  return origLookup.call(this, hostname, ...rest);
};
if (dns.promises && dns.promises.lookup) {
  const origPLookup = dns.promises.lookup;
  dns.promises.lookup = function guardedPLookup(hostname, ...rest) {
    if (!isAllowedHost(hostname)) return Promise.reject(refuseNoThrow(`${hostname} (dns lookup)`));
    return origPLookup.call(this, hostname, ...rest);
  };
}
for (const name of ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveSrv', 'resolveTxt']) {
  const orig = dns[name];
  if (typeof orig !== 'function') continue;
  dns[name] = function guardedResolve(hostname, ...rest) {
    if (!isAllowedHost(hostname)) refuse(`${hostname} (dns ${name})`);
    return orig.call(this, hostname, ...rest);
  };
}

function refuseNoThrow(what) {
  try {
    refuse(what);
  } catch (e) {
    return e;
  }
  return new Error('unreachable');
}

module.exports = { violations, isAllowedHost };
