import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppInfo } from '../../shared/domain';
import type { SandboxHandle } from '../../sandbox';
import { createAuditLog, type AuditLog } from './audit/audit-log';
import { createAuditRecorder } from './audit/audit-recorder';
import {
  createClipboardGuard,
  type ClipboardGuard,
  type ClipboardPort,
} from './clipboard/clipboard-guard';
import type { CredentialsApiOptions } from './credentials/credentials-api';
import {
  createCredentialsService,
  type CredentialsService,
} from './credentials/credentials-service';
import { startEmbeddedSandbox } from './environments/embedded-sandbox';
import {
  createEnvironmentsService,
  type EnvironmentsService,
} from './environments/environments-service';
import { refuseEveryConfirmation, type ConfirmPort } from './confirm/confirm-port';
import { guardCredentials } from './credentials/credentials-guard';
import { createEventBus, type EventBus } from './event-bus';
import { createJwksFetcher, type JwksFetcher } from './jwks/jwks-fetcher';
import { createIdempotencyLedger } from './credentials/idempotency-ledger';
import { createCredentialBackends } from './credentials/credential-backends';
import { createEnvironmentStore, type LoadReport } from './environments/environment-store';
import { createRotationService, type RotationService } from './rotation/rotation-service';
import { createRotationStore } from './rotation/rotation-store';
import { createBoundSecrets } from './secrets/bound-secrets';
import type { SecretStore } from './secrets/secret-store';
import { createTokenSideActions, type TokenSideActions } from './tokens/client-key-actions';
import { createClientKeys, type ClientKeys } from './tokens/client-keys';
import { createTokenService, type TokenService } from './tokens/token-service';
import { createWatchList, type Notify, type WatchList } from './watch-list/watch-list';
import { createExpiryReminders, type ExpiryReminders } from './snapshots/expiry-reminders';
import { snapshotsFor, type Snapshots } from './snapshots/snapshots';

/** Everything core needs from its host (Electron main, or a test): no Electron types here. */
export interface CoreOptions {
  /** The folder for the environments, audit log and state files (Electron's userData, or a temp dir in tests). */
  readonly dataDir: string;
  readonly secretStore: SecretStore;
  readonly clipboard: ClipboardPort;
  readonly appName?: string;
  readonly appVersion: string;
  readonly versions?: Readonly<Record<string, string>>;
  /** Runs the Local sandbox API in this process (the app does; most tests bring their own). */
  readonly embeddedSandbox?: boolean;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** Shows a desktop notification (Electron's Notification in the app); default: none. */
  readonly notify?: Notify;
  /** How often due tokens are renewed; 0 disables the timer. */
  readonly tokenTickMs?: number;
  /**
   * Asks a person to confirm production actions, on a surface the page cannot answer (a trusted
   * window in Electron; a scripted answer in tests). Default: refuse every confirmation.
   */
  readonly confirm?: ConfirmPort;
  /** How patient the credentials API client is (timeout, retry pacing); tests shorten it. */
  readonly apiOptions?: Pick<CredentialsApiOptions, 'timeoutMs' | 'retry' | 'sleep' | 'random'>;
}

/** The main process's services, built once and shared by every IPC handler. */
export interface Core {
  readonly events: EventBus;
  readonly environments: EnvironmentsService;
  /** The credential use cases as the page reaches them: production create and revoke ask first. */
  readonly credentials: CredentialsService;
  /** The rotation wizard: one persisted, resumable rotation per environment. */
  readonly rotation: RotationService;
  readonly tokens: TokenService;
  /** The private_key_jwt keys of the environments' clients: private halves only in the keychain. */
  readonly clientKeys: ClientKeys;
  /** The token side as the page reaches it: client keys by environment id, and discovery. */
  readonly tokenSide: TokenSideActions;
  readonly clipboard: ClipboardGuard;
  readonly auditLog: AuditLog;
  /** Where production actions are confirmed (the host's port, or one that refuses everything). */
  readonly confirm: ConfirmPort;
  /** The JWT debugger's JWKS download: an environment's own, or a URL the person confirmed. */
  readonly jwks: JwksFetcher;
  /** The JWT debugger's pinned tokens and their expiry reminders. */
  readonly watchList: WatchList;
  /**
   * Every environment's snapshot (last credentials list, public keys, server clock), recorded as
   * the services above are used, and refreshed on the person's request (never in the background).
   */
  readonly snapshots: Snapshots;
  /** Desktop reminders ahead of credential expiry, and the fleet view's settings. */
  readonly reminders: ExpiryReminders;
  /** What loading profiles.json found (a recovered corrupt file, say), for the UI to report. */
  readonly environmentsLoad: LoadReport;
  /** The embedded sandbox, when it runs. */
  readonly sandbox: SandboxHandle | null;
  appInfo(): Promise<AppInfo>;
  /** Stops timers and servers the core started, and clears a secret left on the clipboard. */
  dispose(): Promise<void>;
}

/** Builds every core service from its options: Electron main and the tests both call this. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? Date.now;
  await mkdir(options.dataDir, { recursive: true });
  const events = createEventBus();
  const confirm = options.confirm ?? refuseEveryConfirmation;
  const keychain = options.secretStore;
  const secrets = createBoundSecrets(keychain);
  const environmentStore = createEnvironmentStore(options.dataDir, { now });
  const environmentsLoad = await environmentStore.load();
  const auditLog = createAuditLog(options.dataDir, { secrets: keychain, now });
  // An older Keysmith's log (or entries written while the keychain was unavailable) goes into
  // the keyed chain now, rather than at the next action; without a keychain it waits.
  await auditLog.seal().catch(() => undefined);
  const auditRecorder = createAuditRecorder(auditLog, events);
  // Every service gets its one fetch: it reads each response's Date header (the server clock).
  const snapshots = snapshotsFor(options, { environmentStore, events, now });
  const { fetch } = snapshots;
  const clientKeys = createClientKeys({ secretStore: keychain, confirm, auditRecorder, now });
  const ledger = createIdempotencyLedger(join(options.dataDir, 'pending-creates.json'));
  const rotationStore = createRotationStore(join(options.dataDir, 'rotations.json'));
  await rotationStore.load();
  // A profiles.json from a newer Keysmith is left alone: no sandbox environment is added to it.
  const sandbox =
    options.embeddedSandbox === true && environmentsLoad.refused === null
      ? await startEmbeddedSandbox({ dataDir: options.dataDir, environmentStore, secrets })
      : null;
  const clipboard = createClipboardGuard(options.clipboard, { now });
  const unrecordedTokens = createTokenService({
    environmentStore,
    secrets,
    clientKeys,
    events,
    clipboard,
    confirm,
    now,
    fetch,
    tickMs: options.tokenTickMs,
  });
  const tokens = snapshots.recordingTokens(unrecordedTokens);
  const environments = createEnvironmentsService({
    environmentStore,
    secrets,
    tokens,
    clientKeys,
    auditRecorder,
    events,
    confirm,
    now,
    fetch,
    pendingRotation: (id) => rotationStore.pending(id),
  });
  const backends = createCredentialBackends({
    dataDir: options.dataDir,
    keychain,
    secrets,
    tokens,
    ledger,
    auditRecorder,
    now,
    fetch,
    apiOptions: options.apiOptions,
    clientKeys,
  });
  // The rotation wizard asks the person at each step itself: it gets the credentials unguarded.
  const unrecordedOperations = createCredentialsService({
    environmentStore,
    secrets,
    tokens,
    auditRecorder,
    clipboard,
    now,
    backends,
  });
  const credentialOperations = snapshots.recordingCredentials(unrecordedOperations);
  const credentials = guardCredentials(credentialOperations, {
    confirm,
    environmentStore,
    nameOf: async (environmentId, clientId) => {
      const list = (await snapshots.lists()).find((kept) => kept.environment.id === environmentId);
      return list?.items.find((credential) => credential.clientId === clientId)?.name ?? null;
    },
  });
  const rotation = createRotationService({
    store: rotationStore,
    environmentStore,
    confirm,
    secrets,
    clientKeys,
    credentials: credentialOperations,
    environments,
    tokens,
    auditRecorder,
    auditLog,
    events,
    clipboard,
    now,
    fetch,
  });
  const tokenSide = createTokenSideActions({ environmentStore, clientKeys, tokens, events, fetch });
  const unrecordedJwks = createJwksFetcher({
    confirm,
    environmentOf: (id) => environmentStore.get(id),
    fetch,
    now,
  });
  const jwks = snapshots.recordingJwks(unrecordedJwks);
  snapshots.connect({ credentials, jwks, environments });
  const watchList = createWatchList({
    dataDir: options.dataDir,
    events,
    notify: options.notify ?? (() => {}),
    now,
    tickMs: options.tokenTickMs === 0 ? 0 : undefined,
    skewOf: (issuer) => snapshots.skewOfIssuer(issuer),
  });
  const reminders = createExpiryReminders({
    dataDir: options.dataDir,
    snapshots,
    notify: options.notify ?? (() => {}),
    now,
    tickMs: options.tokenTickMs === 0 ? 0 : undefined,
  });
  return {
    events,
    environments,
    credentials,
    rotation,
    tokens,
    clientKeys,
    tokenSide,
    clipboard,
    auditLog,
    confirm,
    jwks,
    watchList,
    snapshots,
    reminders,
    environmentsLoad,
    sandbox,
    async appInfo() {
      return {
        name: options.appName ?? 'Keysmith',
        version: options.appVersion,
        platform: process.platform,
        arch: process.arch,
        versions: { node: process.versions.node, ...options.versions },
        keychain: await keychain.probe(),
      };
    },
    async dispose() {
      tokens.dispose();
      watchList.dispose();
      reminders.dispose();
      await snapshots.settled();
      await clipboard.dispose();
      await sandbox?.close();
    },
  };
}
