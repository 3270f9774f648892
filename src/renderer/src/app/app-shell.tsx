import { lazy, Suspense, useEffect, type CSSProperties, type ReactNode } from 'react';
import { useAnyDialogOpen } from '../components/dialog-stack';
import { SupportEnvironmentContext } from '../components/error-view';
import { subscribeActivityEvents } from '../features/activity/activity-store';
import { CredentialsPanel } from '../features/credentials/credentials-panel';
import { environmentColour, readableTextOn } from '../features/environments/env-colour';
import { subscribeFleetEvents, useFleet } from '../features/fleet/fleet-store';
import { EnvironmentList } from '../features/environments/environment-list';
import {
  subscribeEnvironmentEvents,
  useEnvironments,
  useSelectedEnvironment,
} from '../features/environments/environments-store';
import { FindPalette } from '../features/palette/find-palette';
import { usePasteToFind } from '../features/palette/use-paste-to-find';
import { usePaletteCommands } from '../features/palette/use-palette-commands';
import { useRotation } from '../features/rotation/rotation-store';
import { subscribeTokenEvents } from '../features/token/token-store';
import { TokenPanel } from '../features/token/token-panel';
import type { CredentialView } from '../lib/domain';
import { installDebugSnapshot } from '../lib/store-registry';
import { useAppInfo } from './app-info-store';
import { AppNotices } from './app-notices';
import { EnvBanner } from './env-banner';
import { ShellDialogs } from './shell-dialogs';
import { useShell } from './shell-store';
import { useShortcuts } from './shortcuts';
import { StatusBar } from './status-bar';
import { TabBar } from './tab-bar';
import type { TabId } from './tabs';

installDebugSnapshot();

// Tabs not shown at start load on first use, so the window is interactive sooner.
const JwtPanel = lazy(() =>
  import('../features/jwt/jwt-panel').then((module) => ({ default: module.JwtPanel })),
);
const RotationPanel = lazy(() =>
  import('../features/rotation/rotation-panel').then((module) => ({
    default: module.RotationPanel,
  })),
);
const FleetPanel = lazy(() =>
  import('../features/fleet/fleet-panel').then((module) => ({ default: module.FleetPanel })),
);
const ActivityPanel = lazy(() =>
  import('../features/activity/activity-panel').then((module) => ({
    default: module.ActivityPanel,
  })),
);

/** "New credential" in the Credentials tab: the create flow, pinned to that environment. */
function createCredential(environmentId: string): void {
  useShell.getState().openDialog('create-credential', environmentId);
}

/** "Rotate" in the Credentials tab: the rotation wizard opens with that credential picked. */
function startRotation(environmentId: string, credential: CredentialView): void {
  useRotation.getState().request(environmentId, credential.clientId);
  useShell.getState().setTab('rotation');
}

const PANELS: Record<TabId, () => ReactNode> = {
  credentials: () => <CredentialsPanel onCreate={createCredential} onRotate={startRotation} />,
  token: () => <TokenPanel />,
  rotation: () => <RotationPanel />,
  jwt: () => <JwtPanel />,
  activity: () => <ActivityPanel />,
  fleet: () => <FleetPanel onRotate={startRotation} />,
};

/** Loads what the shell needs and follows main's events for as long as the window lives. */
function useShellData(): void {
  const loadInfo = useAppInfo((state) => state.load);
  const loadEnvironments = useEnvironments((state) => state.load);
  useEffect(() => {
    void loadInfo();
    void loadEnvironments();
    void useFleet.getState().loadSummaries();
    const stops = [
      subscribeEnvironmentEvents(),
      subscribeTokenEvents(),
      subscribeActivityEvents(),
      subscribeFleetEvents(),
    ];
    return () => stops.forEach((stop) => stop());
  }, [loadInfo, loadEnvironments]);
}

/** The window's layout: environment sidebar, environment banner and frame, tabs, status bar, palette. */
export function AppShell() {
  useShellData();
  useShortcuts();
  usePasteToFind();
  const { tab, setTab, paletteOpen, setPaletteOpen, openDialog } = useShell();
  const env = useSelectedEnvironment();
  const modal = useAnyDialogOpen();
  const commands = usePaletteCommands();
  const production = env?.kind === 'production';
  const colour = env ? environmentColour(env) : null;
  const frameStyle = colour
    ? ({ '--env-colour': colour, '--env-text': readableTextOn(colour) } as CSSProperties)
    : undefined;

  return (
    <SupportEnvironmentContext value={env?.name ?? null}>
      <div
        className={`app-frame ${production ? 'app-frame-production' : ''}`}
        style={frameStyle}
        data-env-kind={env?.kind ?? 'none'}
        inert={modal}
      >
        <aside className="sidebar">
          <h1 className="brand">Keysmith</h1>
          <EnvironmentList onAdd={() => openDialog('add-environment')} />
        </aside>
        <main className="workspace">
          <EnvBanner />
          <AppNotices />
          <TabBar active={tab} onSelect={setTab} />
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="panel">
            <Suspense fallback={<p className="muted">Loading…</p>}>{PANELS[tab]()}</Suspense>
          </div>
        </main>
        <StatusBar />
      </div>
      <ShellDialogs />
      {paletteOpen && <FindPalette commands={commands} onClose={() => setPaletteOpen(false)} />}
    </SupportEnvironmentContext>
  );
}
