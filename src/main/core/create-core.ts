import type { AppInfo } from '../../shared/ipc/channels/app';
import { createEventBus, type EventBus } from './event-bus';
import type { SecretStore } from './secret-store';

/** Everything core needs from its host (Electron main, or a test): no Electron types here. */
export interface CoreOptions {
  /** The folder for profiles, audit log and state files (Electron's userData, or a temp dir in tests). */
  readonly dataDir: string;
  readonly secretStore: SecretStore;
  readonly appName?: string;
  readonly appVersion: string;
  readonly versions?: Readonly<Record<string, string>>;
}

/** The main process's services, built once and shared by every IPC handler. */
export interface Core {
  readonly events: EventBus;
  appInfo(): Promise<AppInfo>;
  /** Stops timers and servers the core started. */
  dispose(): Promise<void>;
}

/** Builds every core service from its options: Electron main and the tests both call this. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const events = createEventBus();
  return {
    events,
    async appInfo() {
      return {
        name: options.appName ?? 'Keysmith',
        version: options.appVersion,
        platform: process.platform,
        arch: process.arch,
        versions: { node: process.versions.node, ...options.versions },
        keychain: await options.secretStore.probe(),
      };
    },
    async dispose() {},
  };
}
