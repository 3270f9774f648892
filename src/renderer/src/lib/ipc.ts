import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
} from '@shared/ipc/contract';
import type { Result } from '@shared/result';

/** Calls a channel in main with a typed input and gets a typed Result back. */
export async function invoke<K extends ChannelName>(
  channel: K,
  ...input: undefined extends ChannelInput<K> ? [ChannelInput<K>?] : [ChannelInput<K>]
): Promise<Result<ChannelOutput<K>>> {
  const bridge = window.keysmith as Window['keysmith'] | undefined;
  if (!bridge) {
    return {
      ok: false,
      error: {
        kind: 'internal',
        message: 'The Keysmith bridge is missing: open this page in the app.',
      },
    };
  }
  try {
    return (await bridge.invoke(channel, input[0])) as Result<ChannelOutput<K>>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { kind: 'internal', message: `The call to ${channel} failed: ${message}` },
    };
  }
}

/** Subscribes to a main→renderer event; returns the function that unsubscribes. */
export function onEvent<K extends EventName>(
  event: K,
  listener: (payload: EventPayload<K>) => void,
): () => void {
  const bridge = window.keysmith as Window['keysmith'] | undefined;
  if (!bridge) return () => {};
  return bridge.on(event, (payload) => listener(payload as EventPayload<K>));
}
