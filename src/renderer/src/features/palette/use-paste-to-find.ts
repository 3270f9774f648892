import { useEffect } from 'react';
import { looksLikeToken } from '@shared/fleet/token-facts';
import { useShell } from '../../app/shell-store';
import { useFleet } from '../fleet/fleet-store';
import { usePaletteQuery } from './palette-query-store';

/** The longest paste looked at as a client_id. */
const MAX_IDENTIFIER = 200;

/** Whether a paste lands in something that takes text (then it is that field's, not "find"'s). */
function intoField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * A paste anywhere in the window but a field opens "find" with it, when it is a token or a
 * client_id one of the environments knows. The text stays in this window.
 */
export function usePasteToFind(): void {
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (intoField(event.target) || useShell.getState().dialog !== null) return;
      const text = event.clipboardData?.getData('text/plain').trim() ?? '';
      if (text === '') return;
      if (looksLikeToken(text)) {
        event.preventDefault();
        usePaletteQuery.getState().openWith(text);
        return;
      }
      if (text.length > MAX_IDENTIFIER || /\s/.test(text)) return;
      void useFleet
        .getState()
        .loadIndex()
        .then((finder) => {
          if (finder?.find(text, 1)[0]?.exact) usePaletteQuery.getState().openWith(text);
        });
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);
}
