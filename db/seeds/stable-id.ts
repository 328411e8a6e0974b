import { createHash } from 'node:crypto';

// The namespace of every demo id (a random v4 uuid, fixed once): the same name always gives the same id,
// so a reseeded demo keeps its ids and links to demo entries stay valid.
const NAMESPACE = '68b608c9-3364-42c8-88f0-366dcafe86c4';

/** A name-based uuid (RFC 9562 version 5: SHA-1 of namespace and name). */
export function stableId(name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
