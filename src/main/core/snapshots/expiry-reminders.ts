import { join } from 'node:path';
import { z } from 'zod';
import type { FleetSettings } from '../../../shared/fleet/snapshot-types';
import { readTextIfExists, writeFileAtomic } from '../files/atomic-file';
import { jsonOrNull } from '../files/json-file';
import { createSerialQueue } from '../files/serial-queue';
import type { Notify } from '../watch-list/watch-list';
import type { SnapshotService } from './snapshot-service';

/** The fleet view's settings and the reminders already shown, in `<dataDir>/fleet-settings.json`. */
export const FLEET_SETTINGS_FILE = 'fleet-settings.json';

/** The settings before the person changes them. */
export const DEFAULT_FLEET_SETTINGS: FleetSettings = { reminderDays: 14, activeThreshold: 10 };

/** How many reminders one tick shows one by one; more are summed up in a single notification. */
const MAX_SINGLE_NOTIFICATIONS = 3;
/** How many shown reminders are remembered (the oldest are forgotten first). */
const MAX_NOTIFIED = 5_000;
const DAY_MS = 86_400_000;

const SettingsFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  reminderDays: z.number().int().min(0).max(365),
  activeThreshold: z.number().int().min(1).max(1_000_000),
  notified: z
    .array(z.strictObject({ key: z.string().max(1000), expiresAt: z.number() }))
    .max(MAX_NOTIFIED),
});
type SettingsFile = z.output<typeof SettingsFileSchema>;

/** Desktop reminders ahead of credential expiry, from the snapshots, and the fleet settings. */
export interface ExpiryReminders {
  settings(): Promise<FleetSettings>;
  setSettings(patch: Partial<FleetSettings>): Promise<FleetSettings>;
  /** Notifies once about each active credential within `reminderDays` of its expiry. */
  tick(): Promise<void>;
  dispose(): void;
}

/**
 * Builds the reminders; `tickMs` 0 disables the timer (tests call `tick()`). They read only the
 * snapshots (never the network) and judge each expiry on its server's clock.
 */
export function createExpiryReminders(options: {
  readonly dataDir: string;
  readonly snapshots: Pick<SnapshotService, 'lists' | 'skewOf'>;
  readonly notify: Notify;
  readonly now: () => number;
  readonly tickMs?: number;
}): ExpiryReminders {
  const file = join(options.dataDir, FLEET_SETTINGS_FILE);
  const serial = createSerialQueue();
  const read = async (): Promise<SettingsFile> => {
    const parsed = SettingsFileSchema.safeParse(jsonOrNull((await readTextIfExists(file)) ?? ''));
    // A damaged settings file falls back to the defaults: at worst a reminder is shown again.
    return parsed.success
      ? parsed.data
      : { schemaVersion: 1, ...DEFAULT_FLEET_SETTINGS, notified: [] };
  };
  const write = (settings: SettingsFile) =>
    writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`);
  const settingsOf = ({ reminderDays, activeThreshold }: SettingsFile): FleetSettings => ({
    reminderDays,
    activeThreshold,
  });

  const reminders: ExpiryReminders = {
    settings: () => serial(async () => settingsOf(await read())),
    setSettings: (patch) =>
      serial(async () => {
        const next = { ...(await read()), ...patch };
        await write(next);
        return settingsOf(next);
      }),
    tick: () =>
      serial(async () => {
        const settings = await read();
        const now = options.now();
        const notified = new Set(settings.notified.map((entry) => entry.key));
        const due: { key: string; at: number; name: string; body: string }[] = [];
        if (settings.reminderDays > 0) {
          for (const { environment, items } of await options.snapshots.lists()) {
            const skew = await options.snapshots.skewOf(environment.id);
            for (const credential of items) {
              if (credential.status !== 'active' || credential.expiresAt === null) continue;
              const at = Date.parse(credential.expiresAt) - skew;
              const key = `${environment.id} ${credential.clientId} ${credential.expiresAt}`;
              if (!Number.isFinite(at) || at <= now || notified.has(key)) continue;
              if (at - now > settings.reminderDays * DAY_MS) continue;
              const days = Math.max(1, Math.ceil((at - now) / DAY_MS));
              due.push({
                key,
                at,
                name: credential.name,
                body: `${environment.name}: ${credential.clientId} expires in ${days} day${days === 1 ? '' : 's'} (${new Date(at).toLocaleDateString()}).`,
              });
            }
          }
        }
        due.sort((a, b) => a.at - b.at);
        if (due.length > MAX_SINGLE_NOTIFICATIONS) {
          const names = due.slice(0, MAX_SINGLE_NOTIFICATIONS).map((item) => item.name);
          options.notify(
            `${due.length} credentials expire within ${settings.reminderDays} days`,
            `${names.join(', ')} and ${due.length - names.length} more. See the expiry timeline in Keysmith.`,
          );
        } else {
          for (const item of due) options.notify(`Credential expiring: ${item.name}`, item.body);
        }
        const kept = settings.notified.filter((entry) => entry.expiresAt > now - DAY_MS);
        if (due.length === 0 && kept.length === settings.notified.length) return;
        const added = due.map((item) => ({ key: item.key, expiresAt: item.at }));
        await write({ ...settings, notified: [...kept, ...added].slice(-MAX_NOTIFIED) });
      }),
    dispose() {
      if (timer) clearInterval(timer);
    },
  };
  const tickMs = options.tickMs ?? 60_000;
  const timer =
    tickMs > 0 ? setInterval(() => void reminders.tick().catch(() => {}), tickMs) : null;
  timer?.unref?.();
  return reminders;
}
