/** The most Keysmith reads of a token response, a JWKS, a create response or any error body: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The most Keysmith reads of a credentials list: 8 MiB. A list holds every credential of the
 * partner (10,000 credentials are about 3 MiB), so it gets more room than the 1 MiB elsewhere.
 */
export const MAX_LIST_BODY_BYTES = 8 * 1024 * 1024;

/** A body read up to a cap: its first bytes, and whether the server had more to send. */
export interface CappedBody {
  readonly bytes: Uint8Array;
  /** The body was longer than the cap: `bytes` holds exactly its first `cap` bytes. */
  readonly truncated: boolean;
}

/** "1 MiB", "8 MiB", "512 KiB": a cap in words. */
export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}

/** Whether a Content-Length header already announces more than `cap` bytes. */
export function announcesMoreThan(headers: Headers, cap: number): boolean {
  const declared = headers.get('content-length');
  return declared !== null && /^\d{1,20}$/.test(declared.trim()) && Number(declared) > cap;
}

/**
 * Reads a response body as a stream and stops at `cap` bytes: never more than `cap` bytes plus
 * the one chunk in flight are held, and the rest of the body is cancelled, not downloaded.
 */
export async function readCapped(response: Response, cap: number): Promise<CappedBody> {
  if (response.body === null) return { bytes: new Uint8Array(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks), truncated: false };
    if (size + value.byteLength > cap) {
      chunks.push(value.subarray(0, cap - size));
      await reader.cancel().catch(() => undefined);
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(value);
    size += value.byteLength;
  }
}
