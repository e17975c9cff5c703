import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { nodeHash, sha1Hex, sha256Hex } from '../../src/nodeHost/hash';

describe('the hashes of the engine (plain JavaScript) against node:crypto', () => {
  const digest = (algorithm: string, text: string) => crypto.createHash(algorithm).update(text, 'utf8').digest('hex');
  // Every length across the padding's edges (55, 56, 63, 64 bytes...) and several blocks, in one-,
  // two-, three- and four-byte characters, and the texts the engine really hashes.
  const texts: string[] = ['', 'https://d-1234567890.awsapps.com/start', 'my-sso', 'arn:aws:iam::123456789012:user/x'];
  for (const unit of ['a', 'é', '€', '😀', '\u0000']) for (let n = 0; n <= 140; n++) texts.push(unit.repeat(n));
  for (let seed = 1; seed <= 200; seed++) {
    let s = '';
    for (let i = 0; i < seed * 3; i++) s += String.fromCharCode((seed * 7919 + i * 104729) % 0x2fff);
    texts.push(s);
  }

  it(`gives node:crypto's SHA-1 and SHA-256 of ${texts.length} texts`, () => {
    for (const t of texts) {
      assert.equal(sha1Hex(t), digest('sha1', t), JSON.stringify(t));
      assert.equal(sha256Hex(t), digest('sha256', t), JSON.stringify(t));
      assert.equal(nodeHash('sha1', t), digest('sha1', t));
      assert.equal(nodeHash('sha256', t), digest('sha256', t));
    }
  });

  it('gives the known digests of "abc"', () => {
    assert.equal(sha1Hex('abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
