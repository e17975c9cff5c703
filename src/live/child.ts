/**
 * The live check's child process (bundled as dist/live.js, the one place the AWS SDK runs):
 * resolves credentials with the real AWS SDK for JavaScript v3 chain and calls STS
 * GetCallerIdentity, and reports what happened as plain data (protocol.ts), for each profile the
 * parent asks about (one, or many at once for a check of many profiles; the parent bounds how many).
 *
 * The parent started it with the diagnosis' environment as its whole environment (plan.ts), so
 * the SDK reads exactly what the engine read, and nothing here changes any other process. The
 * parent also owns the deadline and cancellation: it kills this process (and its process group,
 * so a credential_process the SDK started goes with it).
 *
 *  1. `fromNodeProviderChain` (the chain every JS SDK client uses) resolves credentials, with a
 *     logger that records the chain's debug lines: on failure they name the real cause, which the
 *     final "Could not load credentials from any providers" hides. With an endpoint override, the
 *     chain's own STS calls (AssumeRole, AssumeRoleWithWebIdentity) go there too.
 *  2. STS GetCallerIdentity with those credentials, one attempt. Middleware records the endpoint,
 *     the response's status and Date header (errors included), and cuts the body off at a limit.
 */
import {
  GetCallerIdentityCommand,
  STSClient,
  getDefaultRoleAssumer,
  getDefaultRoleAssumerWithWebIdentity,
} from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Readable } from 'node:stream';
import { maskAccessKeyId } from '../engine/secrets/redact';
import { cut, describeError } from './errorInfo';
import { limitBody } from './limitBody';
import { refuseMetadataConnections } from './metadataGuard';
import type { ChildMessage, LiveOutcome, LiveRequest, Stage } from './protocol';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

/** What a check running in this process knows about itself, wherever the SDK's code runs for it. */
interface CheckContext {
  readonly allowImds: boolean;
  readonly refused: string[];
}

const checks = new AsyncLocalStorage<CheckContext>();
let guarded = false;
/** The first check reads the files afresh; the others take the SDK's copy (a check of many profiles reads them once). */
let firstRead = true;

async function check(req: LiveRequest): Promise<LiveOutcome> {
  const started = performance.now();
  const debug: string[] = [];
  // The chain says a few dozen lines; a bound keeps a pathological one (3,000 chained profiles) small.
  const record = (...a: unknown[]) => void (debug.length < 200 && debug.push(cut(a.map(String).join(' '), 500)));
  const logger = { trace: () => undefined, debug: record, info: () => undefined, warn: record, error: record };
  const refused = checks.getStore()!.refused;
  if (!guarded) {
    guarded = true;
    // Once for the process; each connection asks the check it belongs to (none: refused).
    refuseMetadataConnections(process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT, (host) => {
      const c = checks.getStore();
      if (c?.allowImds) return false;
      if (c && !c.refused.includes(host)) c.refused.push(host);
      return true;
    });
  }
  const ignoreCache = firstRead;
  firstRead = false;
  let response: LiveOutcome['response'];
  let bodyTooLarge = false;
  let stage: Stage = 'credentials';
  let client: STSClient | undefined;
  const outcome = (result: LiveOutcome['result']): LiveOutcome => ({
    result,
    ...(response ? { response } : {}),
    ...(bodyTooLarge ? { bodyTooLarge } : {}),
    ...(refused.length ? { refusedMetadata: refused } : {}),
    debug,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  });
  try {
    // The chain's own STS clients get the override too (the SSO portal does not: it is not STS).
    const endpoint = req.endpointUrl ? { endpoint: req.endpointUrl, region: req.region } : undefined;
    const provider = fromNodeProviderChain({
      ...(req.profile !== undefined ? { profile: req.profile } : {}),
      ignoreCache,
      logger,
      ...(endpoint
        ? {
            roleAssumer: getDefaultRoleAssumer(endpoint),
            roleAssumerWithWebIdentity: getDefaultRoleAssumerWithWebIdentity(endpoint),
          }
        : {}),
    });
    const credentials = await provider();
    await send({
      id: req.id,
      type: 'credentials',
      keyId: maskAccessKeyId(credentials.accessKeyId),
      ...(credentials.expiration ? { expiration: credentials.expiration.toISOString() } : {}),
    });

    stage = 'call';
    // A backstop only: the parent kills this process at its deadline.
    const remaining = Math.max(1, Math.round(started + req.timeoutMs - performance.now())) + 1000;
    client = new STSClient({
      region: req.region,
      credentials,
      maxAttempts: 1,
      ...(req.endpointUrl ? { endpoint: req.endpointUrl } : {}),
      requestHandler: { connectionTimeout: remaining, requestTimeout: remaining, throwOnRequestTimeout: true },
    });
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = (args as { request?: { protocol?: string; hostname?: string; port?: number; path?: string } })
          .request;
        if (request?.hostname)
          await send({
            id: req.id,
            type: 'endpoint',
            url: `${request.protocol ?? 'https:'}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path ?? '/'}`,
          });
        return next(args);
      },
      { step: 'build', priority: 'low', name: 'acdRecordEndpoint' },
    );
    // Innermost in the deserialize step: sees the raw response, for errors as well (STS answers
    // errors with a Date header too), before the deserializer reads the body.
    client.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        const raw = out.response as
          { statusCode?: number; headers?: Record<string, string>; body?: unknown } | undefined;
        if (raw) {
          const headers = raw.headers ?? {};
          const date = headers.date ?? headers.Date;
          const contentType = headers['content-type'];
          response = {
            status: raw.statusCode ?? 0,
            ...(date ? { date } : {}),
            ...(contentType ? { contentType: contentType.slice(0, 100) } : {}),
          };
          const body = raw.body as Readable | undefined;
          if (body && typeof body.pipe === 'function')
            raw.body = limitBody(body, req.maxBodyBytes, () => (bodyTooLarge = true));
        }
        return out;
      },
      { step: 'deserialize', priority: 'low', name: 'acdInspectResponse' },
    );
    const identity = await client.send(new GetCallerIdentityCommand({}));
    return outcome({
      kind: 'identity',
      ...(identity.Account !== undefined ? { account: identity.Account } : {}),
      ...(identity.Arn !== undefined ? { arn: identity.Arn } : {}),
      ...(identity.UserId !== undefined ? { userId: identity.UserId } : {}),
    });
  } catch (e) {
    return outcome({ kind: 'error', stage, error: describeError(e) });
  } finally {
    client?.destroy();
  }
}

process.on('message', (message: LiveRequest) => {
  if (message?.type !== 'check') return;
  // Each check in an async context of its own (the metadata guard asks it); several may run at once.
  void checks.run({ allowImds: message.allowImds, refused: [] }, () =>
    send({ id: message.id, type: 'started' })
      .then(() => check(message))
      .then((outcome) => send({ id: message.id, type: 'done', outcome })),
  );
});
// The parent went away (its own exit, a crash): nothing is left to answer.
process.on('disconnect', () => process.exit(0));
