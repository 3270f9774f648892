import { resolve } from 'node:path';
import { parseCliArgs, USAGE } from './cli-args';
import { startSandbox } from './server';

const command = parseCliArgs(process.argv.slice(2));
if (command.kind === 'help') {
  process.stdout.write(USAGE);
} else if (command.kind === 'error') {
  process.stderr.write(`${command.message}\n\n${USAGE}`);
  process.exitCode = 2;
} else {
  try {
    const sandbox = await startSandbox({
      port: command.port,
      ...(command.dataFile === undefined ? {} : { dataFile: resolve(command.dataFile) }),
      ...(command.clockOffsetMs === undefined ? {} : { clockOffsetMs: command.clockOffsetMs }),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(
      `${JSON.stringify({
        url: sandbox.url,
        client_id: sandbox.bootstrap.clientId,
        client_secret: sandbox.bootstrap.clientSecret,
      })}\n`,
    );
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`${signal}: stopping the sandbox\n`);
      sandbox.close().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`Could not stop cleanly: ${String(error)}\n`);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    process.stderr.write(
      `Could not start the sandbox: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
