import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/main/core/event-bus';

describe('event bus: how core announces events to the renderer', () => {
  it('delivers to every listener of the event, and to none after it unsubscribes', () => {
    const bus = createEventBus();
    const seen: string[] = [];
    const stop = bus.on('environments:updated', ({ reason }) => seen.push(`first ${reason}`));
    bus.on('environments:updated', ({ reason }) => seen.push(`second ${reason}`));
    bus.on('audit:appended', () => seen.push('another event'));
    bus.emit('environments:updated', { reason: 'added' });
    stop();
    bus.emit('environments:updated', { reason: 'removed' });
    expect(seen).toEqual(['first added', 'second added', 'second removed']);
  });

  it('a listener that throws never stops the others, and its error is reported', () => {
    const errors: unknown[] = [];
    const bus = createEventBus((error) => errors.push(error));
    const seen: string[] = [];
    bus.on('environments:updated', () => {
      throw new Error('a page that went away');
    });
    bus.on('environments:updated', ({ reason }) => seen.push(reason));
    bus.emit('environments:updated', { reason: 'added' });
    expect(seen).toEqual(['added']);
    expect(errors).toEqual([new Error('a page that went away')]);
  });
});
