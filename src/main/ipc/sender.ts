/** Who called: the URL of the calling frame and whether it is the top-level frame of its window. */
export interface SenderInfo {
  readonly url: string | null | undefined;
  readonly isMainFrame: boolean;
}

/** Why a sender was refused, or null when it is trusted. */
export type SenderVerdict =
  { readonly trusted: true } | { readonly trusted: false; readonly reason: string };

/** The scheme-and-host of a URL (`app://keysmith`, `http://127.0.0.1:5173`), or null if unparsable. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/**
 * Builds the transport-neutral check that a call comes from the main frame of our own page.
 * `trustedOrigins` are scheme+host strings: the packaged `app://keysmith`, or the dev/test server.
 */
export function createSenderCheck(
  trustedOrigins: readonly string[],
): (sender: SenderInfo) => SenderVerdict {
  const allowed = new Set(
    trustedOrigins.map((origin) => originOf(origin)).filter((o) => o !== null),
  );
  if (allowed.size === 0) throw new Error('createSenderCheck needs at least one valid origin');
  return (sender) => {
    if (!sender.isMainFrame) {
      return {
        trusted: false,
        reason: 'IPC from a sub-frame is refused: only the app’s main frame may call',
      };
    }
    const origin = sender.url ? originOf(sender.url) : null;
    if (origin === null || !allowed.has(origin)) {
      return {
        trusted: false,
        reason: `IPC from ${origin ?? 'an unknown page'} is refused: only the app’s own page may call`,
      };
    }
    return { trusted: true };
  };
}
