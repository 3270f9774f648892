import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../../components/dialog';
import { PALETTE_KEY, shortcutText } from '../../app/shortcuts';
import { filterCommands, type PaletteCommand } from './palette-filter';
import './palette.css';

/**
 * The Ctrl/Cmd+K palette: type to filter environments and commands, Enter runs, Esc closes.
 * `search` adds results found for the query (client_ids, names, kids, a pasted token's
 * environments) above the commands; `initialQuery` opens it with a query typed (a paste).
 */
export function CommandPalette({
  commands,
  onClose,
  search,
  initialQuery = '',
}: {
  commands: readonly PaletteCommand[];
  onClose: () => void;
  search?: (query: string) => readonly PaletteCommand[];
  initialQuery?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(0);
  const matches = useMemo(
    () => [...(search?.(query) ?? []), ...filterCommands(commands, query)],
    [commands, query, search],
  );
  const current = Math.min(active, Math.max(0, matches.length - 1));

  const optionId = (index: number) => `${listId}-${index}`;
  const activeId = matches.length > 0 ? optionId(current) : undefined;
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const delta = event.key === 'ArrowDown' ? 1 : -1;
      if (matches.length > 0) setActive((current + delta + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(matches[current]);
    }
  };

  return (
    <Dialog title="Command palette" onClose={onClose} initialFocus={input} size="medium">
      <input
        ref={input}
        className="input palette-input"
        role="combobox"
        aria-label="Search environments and commands"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        placeholder="Switch environment, run a command, or find a client_id, name, kid or token…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Results" className="palette-list">
        {matches.map((command, index) => (
          <li
            key={command.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            className="palette-option"
            onMouseMove={() => setActive(index)}
            onClick={() => run(command)}
          >
            {command.colour && (
              <span className="swatch" style={{ background: command.colour }} aria-hidden="true" />
            )}
            <span className="palette-label">{command.label}</span>
            {command.current && <span className="muted">(current)</span>}
            <span className="palette-group">{command.group}</span>
            {command.shortcut && (
              <kbd className="palette-shortcut" aria-label={`Shortcut ${command.shortcut}`}>
                {command.shortcut}
              </kbd>
            )}
          </li>
        ))}
        {matches.length === 0 && (
          <li className="palette-empty" role="presentation">
            Nothing matches “{query}”.
          </li>
        )}
      </ul>
      <p className="palette-keys" aria-label="Keyboard">
        <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> runs · <kbd>Esc</kbd> closes ·{' '}
        <kbd>{shortcutText(PALETTE_KEY)}</kbd> opens this from anywhere · <kbd>Tab</kbd> moves
        between controls, arrows within tabs and radio groups
      </p>
    </Dialog>
  );
}
