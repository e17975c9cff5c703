/**
 * HAND-WRITTEN FAKE, not a real AWS service emulator. moto has no SSO portal, so the differential
 * oracle harness uses this tiny loopback server for the two things moto lacks:
 *
 *  - the IAM Identity Center portal API `GetRoleCredentials`:
 *      GET /federation/credentials?role_name=R&account_id=A   (header x-amz-sso_bearer_token)
 *    -> 200 {"roleCredentials":{accessKeyId, secretAccessKey, sessionToken, expiration: epoch ms (+1 h)}}
 *    -> 401 {"message":"Session token not found or invalid"} (x-amzn-errortype UnauthorizedException)
 *       when the bearer token is missing, equals "rejected-token", or was registered with
 *       rejectToken(). The real portal rejects expired tokens; this fake cannot read expiry from a
 *       bearer string, so the harness registers every accessToken that a scenario's
 *       ~/.aws/sso/cache file marks as expired (AWS CLI v2 2.9.19 does not check legacy-token
 *       expiry itself: it sends the token and relies on this 401).
 *  - container credentials (ECS / EKS Pod Identity style), for AWS_CONTAINER_CREDENTIALS_FULL_URI:
 *      GET /container-credentials -> {AccessKeyId, SecretAccessKey, Token, Expiration (ISO, +1 h)}
 *
 * Anything else (including SSO-OIDC CreateToken, i.e. token refresh) is answered with a 400
 * `invalid_grant` error, so a tool that tries to refresh fails the way a refused refresh would.
 * The server listens on 127.0.0.1 only. It records every request (method, path, which access key id
 * it handed out) without secrets, for assertions.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface FakeSsoPortal {
  readonly url: string; // http://127.0.0.1:PORT
  readonly containerUri: string; // http://127.0.0.1:PORT/container-credentials
  readonly requests: ReadonlyArray<{ method: string; path: string; issued?: string }>;
  /** Every secret / session token this server handed out (for redaction checks). */
  readonly issuedSecrets: ReadonlySet<string>;
  /** Make GetRoleCredentials answer 401 for this bearer token (e.g. an expired one). */
  rejectToken(token: string): void;
  close(): Promise<void>;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, n: number, seed: number): string {
  let out = '';
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += alphabet[(x >>> 8) % alphabet.length];
  }
  return out;
}

export async function startFakeSsoPortal(): Promise<FakeSsoPortal> {
  const requests: { method: string; path: string; issued?: string }[] = [];
  const issuedSecrets = new Set<string>();
  const rejected = new Set<string>(['rejected-token']);
  let counter = 0;

  function freshCredentials(prefix: string): { akid: string; secret: string; token: string } {
    counter++;
    const seed = counter * 7919 + prefix.length;
    const akid = 'ASIA' + prefix + pick(B32, 16 - prefix.length, seed);
    const secret = pick(B64, 40, seed + 1);
    const token = 'FAKE' + pick(B64, 120, seed + 2);
    issuedSecrets.add(secret);
    issuedSecrets.add(token);
    return { akid, secret, token };
  }

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: { method: string; path: string; issued?: string } = { method: req.method ?? '?', path: url.pathname };
    requests.push(entry);
    req.resume();
    req.on('end', () => {
      if (req.method === 'GET' && url.pathname === '/federation/credentials') {
        const token = req.headers['x-amz-sso_bearer_token'];
        const role = url.searchParams.get('role_name');
        const account = url.searchParams.get('account_id');
        if (!token || rejected.has(String(token))) {
          send(
            res,
            401,
            { message: 'Session token not found or invalid' },
            { 'x-amzn-errortype': 'UnauthorizedException' },
          );
          return;
        }
        if (!role || !account) {
          send(
            res,
            400,
            { message: 'role_name and account_id are required' },
            { 'x-amzn-errortype': 'InvalidRequestException' },
          );
          return;
        }
        const c = freshCredentials('SSO');
        entry.issued = c.akid;
        send(res, 200, {
          roleCredentials: {
            accessKeyId: c.akid,
            secretAccessKey: c.secret,
            sessionToken: c.token,
            expiration: Date.now() + 3600_000,
          },
        });
        return;
      }
      if (req.method === 'GET' && url.pathname === '/container-credentials') {
        const c = freshCredentials('CTR');
        entry.issued = c.akid;
        send(res, 200, {
          AccessKeyId: c.akid,
          SecretAccessKey: c.secret,
          Token: c.token,
          Expiration: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        });
        return;
      }
      send(
        res,
        400,
        {
          error: 'invalid_grant',
          error_description: `fake SSO portal: ${req.method} ${url.pathname} is not implemented`,
        },
        { 'x-amzn-errortype': 'InvalidGrantException' },
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    containerUri: `${url}/container-credentials`,
    requests,
    issuedSecrets,
    rejectToken: (token: string) => {
      rejected.add(token);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
