/** A response body read up to a limit: past it, the connection is dropped instead of buffered. */
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The response body is larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * The body passed through, erroring with BodyTooLargeError (and destroying the source, which
 * closes the socket) once more than `limit` bytes came. `onExceeded` is told first.
 */
export function limitBody(body: Readable, limit: number, onExceeded: () => void): Readable {
  let seen = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen <= limit) return callback(null, chunk);
      onExceeded();
      body.unpipe(limited);
      body.destroy();
      callback(new BodyTooLargeError(limit));
    },
  });
  body.on('error', (e) => limited.destroy(e));
  return body.pipe(limited);
}
