/**
 * Instance metadata kept out of reach in the live check's child process. AWS_EC2_METADATA_DISABLED
 * stops the chain's last link, but a profile with `credential_source = Ec2InstanceMetadata` goes
 * to the metadata service without looking at it. That path (like every metadata call) uses Node's
 * global HTTP agent; the STS clients have agents of their own and are not affected.
 */
import type * as Http from 'node:http';
import type { Duplex } from 'node:stream';

// The module object itself (an ES import is a read-only view of it): its globalAgent is replaced.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const http = require('node:http') as typeof Http;

/** The EC2 instance metadata and ECS / EKS container endpoints, IPv4 and IPv6. */
const METADATA_HOSTS = ['169.254.169.254', 'fd00:ec2::254', '169.254.170.2', '169.254.170.23', 'fd00:ec2::23'];

const unbracket = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

/**
 * Makes every connection of the global HTTP agent to a metadata endpoint (or to `configured`,
 * host:port) fail when `refuse(host)` says so (it also notes the host). Installed once per process:
 * the child runs several checks at once, and `refuse` reads which one connects from its async context.
 */
export function refuseMetadataConnections(configured: string | undefined, refuse: (host: string) => boolean): void {
  const refused = new Set(METADATA_HOSTS);
  const refusedHostPorts = new Set<string>();
  if (configured) {
    try {
      const u = new URL(configured);
      refusedHostPorts.add(`${unbracket(u.hostname)}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`);
    } catch {
      // Not a URL: the SDK fails on it before connecting.
    }
  }
  class MetadataGuardAgent extends http.Agent {
    override createConnection(
      options: Http.ClientRequestArgs,
      callback?: (err: Error | null, stream: Duplex) => void,
    ): Duplex | null | undefined {
      const host = unbracket(String(options.host ?? options.hostname ?? ''));
      if ((refused.has(host) || refusedHostPorts.has(`${host}:${options.port ?? 80}`)) && refuse(host)) {
        const e = Object.assign(
          new Error(
            `Instance metadata (${host}) is not contacted by the live check unless it is allowed (--allow-imds)`,
          ),
          { code: 'EACCES' },
        );
        callback?.(e, undefined as unknown as Duplex);
        return undefined;
      }
      return super.createConnection(options, callback);
    }
  }
  // Node's own default agent, replaced for this process only (the child does nothing else).
  http.globalAgent = new MetadataGuardAgent();
}
