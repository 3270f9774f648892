/** One entry of the command palette. */
export interface PaletteCommand {
  readonly id: string;
  readonly label: string;
  /** A short grey hint at the right: the group ("Environment", "Go to", "Action"). */
  readonly group: string;
  /** Extra words the filter matches (kind, base URL…). */
  readonly keywords?: string;
  /** A colour swatch for environments. */
  readonly colour?: string;
  readonly current?: boolean;
  /** The keyboard shortcut that runs it from anywhere, as it reads ("Ctrl 1"). */
  readonly shortcut?: string;
  run(): void;
}

/**
 * Filters commands by a query: every whitespace-separated word must occur in the label, group or
 * keywords (case-insensitive). Label-prefix matches come first, then the original order.
 */
export function filterCommands(
  commands: readonly PaletteCommand[],
  query: string,
): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  const scored: { command: PaletteCommand; score: number; index: number }[] = [];
  commands.forEach((command, index) => {
    const label = command.label.toLowerCase();
    const haystack = `${label} ${command.group.toLowerCase()} ${command.keywords?.toLowerCase() ?? ''}`;
    if (!words.every((word) => haystack.includes(word))) return;
    const first = words[0] ?? '';
    const score = label.startsWith(first) ? 0 : label.includes(first) ? 1 : 2;
    scored.push({ command, score, index });
  });
  scored.sort((a, b) => a.score - b.score || a.index - b.index);
  return scored.map((entry) => entry.command);
}
