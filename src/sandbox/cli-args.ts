/** Usage text of the sandbox command line. */
export const USAGE = `Usage: npm run sandbox -- [--port <port>] [--data <file>]

Starts the Keysmith local sandbox API on 127.0.0.1 and prints one JSON line on stdout:
  {"url":"http://127.0.0.1:4510","client_id":"dinie_ci_...","client_secret":"dinie_cs_test_..."}
Requests are then logged to stderr. Stop it with Ctrl+C (SIGINT) or SIGTERM.

Options:
  --port <port>   TCP port, 0 or absent for a free one
  --data <file>   keep state in this JSON file (client secrets are stored only as hashes);
                  without it the state lives in memory and is lost on exit
  -h, --help      show this help
`;

/** What the command line asks for. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly port: number; readonly dataFile: string | undefined }
  | { readonly kind: 'error'; readonly message: string };

/** Parses the sandbox's arguments (`--port 4510`, `--port=4510`, `--data f`, `--help`). */
export function parseCliArgs(args: readonly string[]): CliCommand {
  let port = 0;
  let dataFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (flag !== '--port' && flag !== '--data') {
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
    } else {
      dataFile = value;
    }
  }
  return { kind: 'run', port, dataFile };
}
