import type { EncryptedPart, SegmentInfo, SegmentName } from '../types';

function describePart(name: SegmentName, alg: string, enc: string, byteLength: number): string {
  switch (name) {
    case 'encrypted-key':
      return byteLength === 0
        ? `Empty: with ${alg} the content key is not transported in the token.`
        : `The content key, encrypted for the recipient with ${alg} (${byteLength} bytes).`;
    case 'iv':
      return `Initialization vector for ${enc} (${byteLength} bytes).`;
    case 'ciphertext':
      return `The encrypted payload (${byteLength} bytes); only the recipient's key can decrypt it.`;
    case 'tag':
      return `Authentication tag (${byteLength} bytes): proves the ciphertext and the protected header were not altered.`;
    default:
      return `Protected header (${byteLength} bytes).`;
  }
}

/** The four encrypted segments of a JWE (every segment but the header), each with what it is for. */
export function explainEncryptedParts(
  segments: readonly SegmentInfo[],
  alg: string | null,
  enc: string | null,
): readonly EncryptedPart[] {
  return segments
    .filter((s) => s.name !== 'header')
    .map((s) => ({
      ...s,
      description: describePart(s.name, alg ?? '?', enc ?? '?', s.byteLength),
    }));
}
