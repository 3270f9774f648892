import type { AppEvents } from '../../shared/domain';

/** The name of a main→renderer event. */
export type EventName = keyof AppEvents;

/** A listener for one main→renderer event. */
export type EventListener<K extends EventName> = (payload: AppEvents[K]) => void;

/** The typed publish/subscribe hub through which core services announce main→renderer events. */
export interface EventBus {
  emit<K extends EventName>(event: K, payload: AppEvents[K]): void;
  on<K extends EventName>(event: K, listener: EventListener<K>): () => void;
}

/** Creates an EventBus; a listener that throws never stops the others. */
export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}
