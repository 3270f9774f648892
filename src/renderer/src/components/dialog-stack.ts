import { useSyncExternalStore } from 'react';

/** The open modal dialogs, bottom to top; only the top one is interactive. */
let stack: readonly symbol[] = [];
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Puts a dialog on top of the stack; returns the function that removes it. */
export function pushDialog(id: symbol): () => void {
  stack = [...stack, id];
  emit();
  return () => {
    stack = stack.filter((entry) => entry !== id);
    emit();
  };
}

/** Whether any modal dialog is open (the app behind it is then inert). */
export function useAnyDialogOpen(): boolean {
  return useSyncExternalStore(subscribe, () => stack.length > 0);
}

/** Whether the given dialog is the top one (the others are inert). */
export function useIsTopDialog(id: symbol): boolean {
  return useSyncExternalStore(subscribe, () => stack[stack.length - 1] === id);
}

/** Whether any modal dialog is open now (for event handlers, outside React's render). */
export function anyDialogOpen(): boolean {
  return stack.length > 0;
}
