import type { AuditEntry } from '../../../shared/domain';
import type { AuditLog } from './audit-log';
import type { EventBus } from '../event-bus';

/** Writes one audit line per action and tells the renderer a line was added. */
export interface AuditRecorder {
  record(entry: Omit<AuditEntry, 'seq' | 'at'>): Promise<AuditEntry>;
}

/** Wraps the audit log so every append also emits `audit:appended`. */
export function createAuditRecorder(log: AuditLog, events: EventBus): AuditRecorder {
  return {
    async record(entry) {
      const written = await log.append(entry);
      events.emit('audit:appended', { action: written.action });
      return written;
    },
  };
}
