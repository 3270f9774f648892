/** Usage text of the sandbox command line. */
export const USAGE = `Usage: npm run sandbox -- [--port <port>] [--data <file>] [--clock-shift <shift>]

Starts the Keysmith local sandbox API on 127.0.0.1 and prints one JSON line on stdout:
  {"url":"http://127.0.0.1:4510","client_id":"dinie_ci_...","client_secret":"dinie_cs_test_..."}
Requests are then logged to stderr. Stop it with Ctrl+C (SIGINT) or SIGTERM.

Options:
  --port <port>   TCP port, 0 or absent for a free one
  --data <file>   keep state in this JSON file (client secrets are stored only as hashes);
                  without it the state lives in memory and is lost on exit
  --clock-shift <shift>
                  run the server's clock ahead or behind, e.g. +5m, -90s, +1h: its Date header
                  and its tokens' iat and exp follow (for trying clock skew)
  -h, --help      show this help
`;

/** What the command line asks for. */
export type CliCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'run';
      readonly port: number;
      readonly dataFile: string | undefined;
      /** How far the server's clock runs ahead (negative: behind), in ms; absent: in step. */
      readonly clockOffsetMs?: number;
    }
  | { readonly kind: 'error'; readonly message: string };

const SHIFT_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A clock shift such as `+5m`, `-90s`, `+1h` or `1500ms` in ms, or null when it is not one. */
export function parseClockShift(value: string): number | null {
  const match = /^([+-]?)(\d{1,7})(ms|s|m|h)$/.exec(value);
  if (!match) return null;
  const ms = Number(match[2]) * SHIFT_UNITS[match[3]!]!;
  return match[1] === '-' ? -ms : ms;
}

/** Parses the sandbox's arguments (`--port 4510`, `--port=4510`, `--data f`, `--clock-shift=+5m`, `--help`). */
export function parseCliArgs(args: readonly string[]): CliCommand {
  let port = 0;
  let dataFile: string | undefined;
  let clockOffsetMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (flag !== '--port' && flag !== '--data' && flag !== '--clock-shift') {
      return { kind: 'error', message: `Unknown argument: ${arg}` };
    }
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') {
      return { kind: 'error', message: `${flag} needs a value` };
    }
    if (flag === '--port') {
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
        return { kind: 'error', message: `Invalid port: ${value}` };
      }
      port = Number(value);
    } else if (flag === '--clock-shift') {
      const shift = parseClockShift(value);
      if (shift === null) return { kind: 'error', message: `Invalid clock shift: ${value}` };
      clockOffsetMs = shift;
    } else {
      dataFile = value;
    }
  }
  return { kind: 'run', port, dataFile, ...(clockOffsetMs === undefined ? {} : { clockOffsetMs }) };
}
