/// <reference types="vite/client" />
import type { KeysmithBridge } from '@shared/ipc/bridge';

declare global {
  interface Window {
    /** The narrow bridge the preload exposes; the only way to reach main. */
    readonly keysmith: KeysmithBridge;
  }
}
