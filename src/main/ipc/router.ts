import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
} from '../../shared/ipc/contract';
import { toAppError, type FieldError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import type { SenderInfo, SenderVerdict } from './sender';

/** The implementation of every channel: the compiler checks that none is missing. */
export type Handlers = {
  readonly [K in ChannelName]: (
    input: ChannelParsedInput<K>,
  ) => Promise<ChannelOutput<K>> | ChannelOutput<K>;
};

/** The handlers of one domain's channels (`<domain>:<verb>`), for the file that groups them. */
export type DomainHandlers<Domain extends string> = Pick<
  Handlers,
  Extract<ChannelName, `${Domain}:${string}`>
>;

/** Dispatches one call from the renderer, whatever the transport (Electron IPC or the test harness). */
export interface Router {
  dispatch(channel: unknown, input: unknown, sender: SenderInfo): Promise<Result<unknown>>;
}

/** What the router needs: the handlers and the sender check. */
export interface RouterOptions {
  readonly handlers: Handlers;
  readonly checkSender: (sender: SenderInfo) => SenderVerdict;
  /** Told about every refused or failed call (never with its input, which may hold secrets). */
  readonly onRejected?: (channel: string, reason: string) => void;
}

/**
 * Builds the router: sender check, channel allowlist, input schema, the handler, then the output
 * schema, which strips whatever the channel does not declare before the result reaches the page.
 */
export function createRouter({ handlers, checkSender, onRejected }: RouterOptions): Router {
  return {
    async dispatch(channel, input, sender) {
      const channelLabel = typeof channel === 'string' ? channel : typeof channel;
      const verdict = checkSender(sender);
      if (!verdict.trusted) {
        onRejected?.(channelLabel, verdict.reason);
        return err({ kind: 'forbidden', message: verdict.reason });
      }
      if (!isChannelName(channel)) {
        const message = `Unknown IPC channel “${channelLabel.slice(0, 80)}”`;
        onRejected?.(channelLabel, message);
        return err({ kind: 'validation', message, errors: [] });
      }
      const parsed = channels[channel].input.safeParse(input);
      if (!parsed.success) {
        const errors: FieldError[] = parsed.error.issues.map((issue) => ({
          param: issue.path.join('.') || '(input)',
          detail: issue.message,
          code: issue.code,
        }));
        const message = `Invalid input for ${channel}: ${errors.map((e) => `${e.param}: ${e.detail}`).join('; ')}`;
        onRejected?.(channel, message);
        return err({ kind: 'validation', message, errors });
      }
      let value: unknown;
      try {
        const handler = handlers[channel] as (input: unknown) => unknown;
        value = await handler(parsed.data);
      } catch (error) {
        const appError = toAppError(error);
        if (appError.kind === 'internal') onRejected?.(channel, appError.message);
        return err(appError);
      }
      // Only what the channel's output schema names reaches the page; a result that does not fit
      // it is refused. The log names where it failed, never the value, which may hold a secret.
      const output = channels[channel].output.safeParse(value);
      if (!output.success) {
        const where = output.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join('.') || '(result)'} (${issue.code})`)
          .join(', ');
        onRejected?.(channel, `Its result does not fit its output schema at ${where}.`);
        return err({
          kind: 'internal',
          message: `Keysmith refused its own answer to ${channel}: it does not have the declared shape.`,
        });
      }
      return ok(output.data);
    },
  };
}
