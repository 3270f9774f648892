import { PlaceholderPanel } from '../../app/placeholder-panel';

/** The rotation wizard tab. */
export function RotationPanel() {
  return (
    <PlaceholderPanel
      title="Rotation"
      coming="A resumable wizard: create, capture, verify, switch, watch traffic move, revoke."
    />
  );
}
