/**
 * STAND-IN for Electron's `clipboard`, which exists only inside Electron: an in-memory clipboard
 * with the same read/write surface, so tests can see what main copied and whether it was cleared.
 */
export function createMemoryClipboard(): {
  readText(): string;
  writeText(text: string): void;
  history: string[];
} {
  let current = '';
  const history: string[] = [];
  return {
    readText: () => current,
    writeText(text: string) {
      current = text;
      history.push(text);
    },
    history,
  };
}
