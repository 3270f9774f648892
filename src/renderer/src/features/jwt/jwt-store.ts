import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { ChannelInput } from '@shared/ipc/contract';
import type { DecryptResult, JwtInspection, KeyInput, VerifyResult } from '@shared/jwt';
import { decryptJwe, DEFAULT_CLOCK_TOLERANCE_SEC, inspectJwt, verifyJwt } from '@shared/jwt';
import { invoke } from '../../lib/ipc';
import { latestRequest } from '../../lib/latest-request';
import { registerStore } from '../../lib/store-registry';

/** The kinds of key the verify form takes. */
export type KeyKind = KeyInput['kind'];
/** How an HMAC secret is written. */
export type SecretEncoding = 'text' | 'base64' | 'base64url';
/** Why an environment's revealed token was cleared from the debugger. */
export type ClearReason = 'environment' | 'tab' | 'idle';

/** The environment whose access token the input holds, after "Inspect <environment>'s token". */
export interface RevealedToken {
  readonly environmentId: string;
  readonly environmentName: string;
}

/** The debugger's working state: lives only in this window, never written anywhere. */
interface JwtState {
  readonly input: string;
  /**
   * The inspection of `input`, made when the token or the tolerance changes, not at every clock
   * tick: the panel brings its times up to date itself (see live-times.ts).
   */
  readonly inspection: JwtInspection | null;
  /** The instant (epoch ms) `inspection` was made at: its findings are as of then. */
  readonly inspectedAt: number | null;
  readonly toleranceSec: number;
  /**
   * How far the clock of the server that issued the token runs ahead (0 when in step or not
   * known): the token's times are judged on that clock.
   */
  readonly skewMs: number;
  readonly keyKind: KeyKind;
  readonly keyValue: string;
  readonly secretEncoding: SecretEncoding;
  readonly verifying: boolean;
  /** The result of the last check, for the token it was made on. */
  readonly verification: { readonly token: string; readonly result: VerifyResult } | null;
  readonly decryption: { readonly token: string; readonly result: DecryptResult } | null;
  readonly compareWith: string;
  /** Set while the input holds an environment's revealed token: it is cleared when the user moves on. */
  readonly revealed: RevealedToken | null;
  /** Why the input was last cleared, for a short note, until dismissed or the input changes. */
  readonly cleared: { readonly reason: ClearReason; readonly environmentName: string } | null;
  /** Sets the token the user pasted, typed or dropped (an edit of a revealed token stays revealed). */
  setInput(input: string): void;
  setToleranceSec(seconds: number): void;
  /** Judges the token's times on its issuer's clock from now on (the environment it matched). */
  setSkewMs(skewMs: number): void;
  /** Inspects the input again, at `now`: its time state changed, and findings about it with it. */
  reinspect(now: number): void;
  setKey(patch: Partial<Pick<JwtState, 'keyKind' | 'keyValue' | 'secretEncoding'>>): void;
  setCompareWith(input: string): void;
  verify(): Promise<void>;
  decrypt(): Promise<void>;
  /** Asks main for the environment's access token and puts it in the input; returns why not. */
  inspectEnvironmentToken(environment: {
    readonly id: string;
    readonly name: string;
  }): Promise<AppError | null>;
  /** Clears a revealed environment token (and what was derived from it), saying why. */
  clearRevealed(reason: ClearReason): void;
  dismissClearedNote(): void;
  /**
   * Has main download a JWKS and makes it the key; returns why not. An environment's own JWKS
   * comes at once; a typed URL only after the person confirmed it in main's own window.
   */
  fetchJwks(source: ChannelInput<'jwt:fetch-jwks'>): Promise<AppError | null>;
}

function keyInput(state: JwtState): KeyInput {
  return state.keyKind === 'secret'
    ? { kind: 'secret', value: state.keyValue, encoding: state.secretEncoding }
    : { kind: state.keyKind, value: state.keyValue };
}

/** The input with its inspection (none for an empty input), as of `now`. */
function inspected(
  input: string,
  toleranceSec: number,
  now: number,
): Pick<JwtState, 'input' | 'inspection' | 'inspectedAt'> {
  if (input.trim() === '') return { input, inspection: null, inspectedAt: null };
  return {
    input,
    inspection: inspectJwt(input, { now, clockToleranceSec: toleranceSec }),
    inspectedAt: now,
  };
}

// A reveal answered after the user moved on (or revealed again) is dropped.
const reveals = latestRequest();

/** The JWT debugger's store: pasted tokens and keys stay in the renderer, offline. */
export const useJwt = create<JwtState>((set, get) => ({
  input: '',
  inspection: null,
  inspectedAt: null,
  toleranceSec: DEFAULT_CLOCK_TOLERANCE_SEC,
  skewMs: 0,
  keyKind: 'secret',
  keyValue: '',
  secretEncoding: 'text',
  verifying: false,
  verification: null,
  decryption: null,
  compareWith: '',
  revealed: null,
  cleared: null,
  setInput: (input) =>
    set({
      ...inspected(input, get().toleranceSec, Date.now() + get().skewMs),
      verification: null,
      decryption: null,
      cleared: null,
      ...(input === '' ? { revealed: null } : {}),
    }),
  setToleranceSec(seconds) {
    const toleranceSec = Number.isFinite(seconds) ? Math.max(0, seconds) : 0;
    set({ toleranceSec, ...inspected(get().input, toleranceSec, Date.now() + get().skewMs) });
  },
  setSkewMs(skewMs) {
    if (skewMs === get().skewMs) return;
    set({ skewMs, ...inspected(get().input, get().toleranceSec, Date.now() + skewMs) });
  },
  reinspect: (now) => set(inspected(get().input, get().toleranceSec, now)),
  setKey: (patch) => set({ ...patch, verification: null, decryption: null }),
  setCompareWith: (compareWith) => set({ compareWith }),
  async verify() {
    const state = get();
    set({ verifying: true });
    const result = await verifyJwt(state.input, keyInput(state), {
      clockToleranceSec: state.toleranceSec,
      now: Date.now() + state.skewMs,
    });
    // A token cleared or replaced meanwhile gets no verdict (and is not brought back with one).
    if (get().input !== state.input) return set({ verifying: false });
    set({ verifying: false, verification: { token: state.input, result } });
  },
  async decrypt() {
    const state = get();
    set({ verifying: true });
    const result = await decryptJwe(state.input, keyInput(state), {
      clockToleranceSec: state.toleranceSec,
      now: Date.now() + state.skewMs,
    });
    // A token cleared or replaced meanwhile gets no verdict (and is not brought back with one).
    if (get().input !== state.input) return set({ verifying: false });
    set({ verifying: false, decryption: { token: state.input, result } });
  },
  async inspectEnvironmentToken(environment) {
    const isLatest = reveals.begin();
    const result = await invoke('token:reveal', { environmentId: environment.id });
    if (!isLatest()) return null;
    if (!result.ok) return result.error;
    set({
      ...inspected(result.value.accessToken, get().toleranceSec, Date.now() + get().skewMs),
      verification: null,
      decryption: null,
      revealed: { environmentId: environment.id, environmentName: environment.name },
      cleared: null,
    });
    return null;
  },
  clearRevealed(reason) {
    reveals.begin();
    const { revealed } = get();
    if (revealed === null) return;
    set({
      ...inspected('', get().toleranceSec, Date.now()),
      verification: null,
      decryption: null,
      revealed: null,
      cleared: { reason, environmentName: revealed.environmentName },
    });
  },
  dismissClearedNote: () => set({ cleared: null }),
  async fetchJwks(source) {
    const result = await invoke('jwt:fetch-jwks', source);
    if (!result.ok) return result.error;
    get().setKey({ keyKind: 'jwks', keyValue: result.value.text });
    return null;
  },
}));

registerStore('jwt', useJwt);
