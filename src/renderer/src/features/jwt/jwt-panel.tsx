import { PlaceholderPanel } from '../../app/placeholder-panel';

/** The JWT debugger tab. */
export function JwtPanel() {
  return (
    <PlaceholderPanel
      title="JWT debugger"
      coming="Decode, explain, verify and lint tokens offline; track their expiry."
    />
  );
}
