import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { NewWatchedToken, WatchedToken } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { readTextIfExists, writeFileAtomic } from '../files/atomic-file';
import type { EventBus } from '../event-bus';
import { secretShapeOf } from '../secrets/secret-shape';
import { jsonOrNull } from '../files/json-file';
import { createSerialQueue } from '../files/serial-queue';

/** Shows a desktop notification: Electron's Notification in the app, a recorder in tests. */
export type Notify = (title: string, body: string) => void;

const WatchedTokenSchema = z.strictObject({
  id: z.string().min(1),
  label: z.string().max(200),
  expiresAt: z.number(),
  issuer: z.string().max(2000).nullable(),
  subject: z.string().max(2000).nullable(),
  warnMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  notifiedAt: z.number().nullable(),
});
const WatchFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tokens: z.array(WatchedTokenSchema),
});

/** The JWT debugger's watch list, in `<dataDir>/watchlist.json`, with expiry reminders. */
export interface WatchList {
  list(): Promise<readonly WatchedToken[]>;
  add(token: NewWatchedToken): Promise<WatchedToken>;
  /** Unpins a token (an unknown id is no error). */
  remove(id: string): Promise<{ readonly removed: true }>;
  /** Notifies about every token within its warning window that was not notified yet. */
  tick(): Promise<void>;
  dispose(): void;
}

/** Builds the watch list; `tickMs` 0 disables its timer (tests call `tick()`). */
export function createWatchList(options: {
  readonly dataDir: string;
  readonly events: EventBus;
  readonly notify: Notify;
  readonly now: () => number;
  readonly tickMs?: number;
  /** How far the clock of the server that issued a token runs ahead (its `exp` is on that clock). */
  readonly skewOf?: (issuer: string | null) => Promise<number>;
}): WatchList {
  const file = join(options.dataDir, 'watchlist.json');
  const serial = createSerialQueue();
  const read = async (): Promise<WatchedToken[]> => {
    const text = await readTextIfExists(file);
    if (text === null) return [];
    const parsed = WatchFileSchema.safeParse(jsonOrNull(text));
    if (!parsed.success) {
      throw new AppFailure({
        kind: 'internal',
        message: `The watch list (${file}) is damaged; move it away to start a new one.`,
      });
    }
    return parsed.data.tokens;
  };
  const write = (tokens: readonly WatchedToken[]) =>
    writeFileAtomic(file, `${JSON.stringify({ schemaVersion: 1, tokens }, null, 2)}\n`);

  const list: WatchList = {
    list: () => serial(read),
    add: (token) =>
      serial(async () => {
        for (const [field, value] of Object.entries(token)) {
          if (typeof value === 'string' && secretShapeOf(value) !== null) {
            throw new AppFailure({
              kind: 'validation',
              message: 'A pinned token keeps only its label, issuer, subject and expiry.',
              errors: [{ param: field, detail: 'This looks like a secret or a token.' }],
            });
          }
        }
        const entry: WatchedToken = {
          id: randomUUID(),
          label: token.label,
          expiresAt: token.expiresAt,
          issuer: token.issuer,
          subject: token.subject,
          warnMinutes: token.warnMinutes,
          notifiedAt: null,
        };
        await write([...(await read()), entry]);
        options.events.emit('jwt:watch-changed', { count: (await read()).length });
        return entry;
      }),
    remove: (id) =>
      serial(async () => {
        const tokens = await read();
        await write(tokens.filter((token) => token.id !== id));
        options.events.emit('jwt:watch-changed', { count: tokens.length - 1 });
        return { removed: true } as const;
      }),
    tick: () =>
      serial(async () => {
        const tokens = await read();
        const skews = await Promise.all(
          tokens.map((token) => options.skewOf?.(token.issuer) ?? Promise.resolve(0)),
        );
        let changed = false;
        const next = tokens.map((token, index) => {
          // Judged on the issuer's clock: its exp is in its time.
          const skew = skews[index] ?? 0;
          const now = options.now() + skew;
          const due = token.expiresAt - token.warnMinutes * 60_000;
          if (token.notifiedAt !== null || now < due || now >= token.expiresAt) return token;
          const minutes = Math.max(1, Math.round((token.expiresAt - now) / 60_000));
          options.notify(
            `Token expiring: ${token.label}`,
            `It expires in ${minutes} min (${new Date(token.expiresAt - skew).toLocaleTimeString()}).`,
          );
          changed = true;
          return { ...token, notifiedAt: options.now() };
        });
        if (changed) {
          await write(next);
          options.events.emit('jwt:watch-changed', { count: next.length });
        }
      }),
    dispose() {
      if (timer) clearInterval(timer);
    },
  };
  const tickMs = options.tickMs ?? 15_000;
  const timer = tickMs > 0 ? setInterval(() => void list.tick().catch(() => {}), tickMs) : null;
  timer?.unref?.();
  return list;
}
