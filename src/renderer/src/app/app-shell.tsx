import { useEffect, useState, type ReactNode } from 'react';
import { useAppInfo } from '../features/app-info/app-info-store';
import { JwtPanel } from '../features/jwt/jwt-panel';
import { RotationPanel } from '../features/rotation/rotation-panel';
import { PlaceholderPanel } from './placeholder-panel';
import { StatusBar } from './status-bar';
import { TabBar } from './tab-bar';
import type { TabId } from './tabs';

const PANELS: Record<TabId, () => ReactNode> = {
  credentials: () => (
    <PlaceholderPanel
      title="Credentials"
      coming="The credentials of the active environment: list, create with one-time capture, revoke."
    />
  ),
  token: () => (
    <PlaceholderPanel
      title="Token"
      coming="The environment's access token: expiry countdown, auto-renew, decoded claims, copy as header or curl."
    />
  ),
  rotation: () => <RotationPanel />,
  jwt: () => <JwtPanel />,
  activity: () => (
    <PlaceholderPanel title="Activity" coming="The hash-chained audit log of every action." />
  ),
};

/** The window's layout: environment sidebar, environment banner, tabs and status bar. */
export function AppShell() {
  const [tab, setTab] = useState<TabId>('credentials');
  const load = useAppInfo((state) => state.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="app-frame">
      <aside className="sidebar" aria-label="Environments">
        <h1 className="brand">Keysmith</h1>
        <p className="muted">Environments appear here.</p>
      </aside>
      <main className="workspace">
        <div className="env-banner" role="status" aria-label="Active environment">
          No environment selected
        </div>
        <TabBar active={tab} onSelect={setTab} />
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="panel">
          {PANELS[tab]()}
        </div>
      </main>
      <StatusBar />
    </div>
  );
}
