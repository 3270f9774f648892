/**
 * The part of the Reflect metadata API (the `reflect-metadata` proposal) that @peculiar/x509's
 * dependency injection container (tsyringe) calls at load time: get / getOwn / define metadata.
 * Installed only when no polyfill is present; a real `reflect-metadata` import replaces it.
 */

type Target = object;
type MetadataMap = Map<unknown, unknown>;

const store = new WeakMap<Target, MetadataMap>();

function own(target: Target, key: unknown): unknown {
  return store.get(target)?.get(key);
}

/** Installs `Reflect.getMetadata`, `getOwnMetadata` and `defineMetadata` when they are missing. */
export function installReflectMetadata(): void {
  const reflect = Reflect as unknown as Record<string, unknown>;
  if (typeof reflect['getMetadata'] === 'function') return;
  reflect['defineMetadata'] = (key: unknown, value: unknown, target: Target): void => {
    const map = store.get(target) ?? new Map<unknown, unknown>();
    map.set(key, value);
    store.set(target, map);
  };
  reflect['getOwnMetadata'] = (key: unknown, target: Target): unknown => own(target, key);
  reflect['getMetadata'] = (key: unknown, target: Target): unknown => {
    for (let at: Target | null = target; at !== null; at = Object.getPrototypeOf(at) as Target) {
      const value = own(at, key);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}
