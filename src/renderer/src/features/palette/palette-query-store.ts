import { create } from 'zustand';
import { useShell } from '../../app/shell-store';

/** The query the palette opens with (a paste outside any field), kept only until it opens. */
interface PaletteQueryState {
  readonly initialQuery: string;
  /** Opens the palette with this query typed. */
  openWith(query: string): void;
  /** Forgets the query (the palette took it, or closed). */
  clear(): void;
}

/** Where a paste hands the palette its query. Not registered with the debug snapshot: it may hold a pasted token. */
export const usePaletteQuery = create<PaletteQueryState>((set) => ({
  initialQuery: '',
  openWith(query) {
    set({ initialQuery: query });
    const shell = useShell.getState();
    if (shell.dialog === null) shell.setPaletteOpen(true);
  },
  clear: () => set({ initialQuery: '' }),
}));
