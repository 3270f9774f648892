import type { Rotation } from '@shared/rotation';
import { formatDateTime } from '../../lib/format';

/** A token lifetime in words ("1 hour", "15 minutes"). */
function lifetimeWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 60 && minutes % 60 === 0) {
    const hours = minutes / 60;
    return `${hours} hour${hours === 1 ? '' : 's'}`;
  }
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * The watch step on a backend that reports no last use (Dynamic Client Registration): says so
 * plainly, and what the person can do instead, with the token lifetime seen at verification.
 */
export function NoLastUseNote({ rotation }: { rotation: Rotation }) {
  const verification = rotation.verification;
  const lifetime = verification === null ? null : verification.tokenExpiresAt - verification.at;
  const quietAt =
    lifetime !== null && rotation.switchedAt !== null ? rotation.switchedAt + lifetime : null;
  return (
    <div className="callout callout-info" data-testid="no-last-use">
      <p>
        <strong>This server reports no last use.</strong> Dynamic Client Registration (RFC
        7591/7592) has no <code>last_used_at</code>, so Keysmith cannot see whether an app still
        uses {rotation.old.name}. It only checks that the old client is still registered.
      </p>
      <p>What you can do instead:</p>
      <ul>
        <li>
          watch the authorization server’s logs (or its console’s events) for token requests by{' '}
          <code>{rotation.old.clientId}</code>;
        </li>
        <li>
          ask your APIs, or the server’s token introspection (RFC 7662), whose tokens they still
          receive;
        </li>
        <li>
          wait until the old client’s tokens have expired:
          {lifetime === null
            ? ' tokens live as long as the server issues them for.'
            : ` this server issues tokens for ${lifetimeWords(lifetime)}, so a token the old client got before the switch is expired by ${formatDateTime(quietAt)}.`}{' '}
          An app that still uses the old client after that asks for new tokens, which shows in the
          server’s logs.
        </li>
      </ul>
    </div>
  );
}
