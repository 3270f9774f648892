import { describe, expect, it } from 'vitest';
import { AppFailure, errorCode, toAppError } from '../../src/shared/errors';
import { SECRET_SHAPED_VALUE } from '../fixtures/fake-secrets';

describe('turning what was thrown into an AppError', () => {
  it('keeps an AppFailure whole', () => {
    const appError = { kind: 'conflict', message: 'Already revoked.' } as const;
    expect(toAppError(new AppFailure(appError))).toBe(appError);
  });

  it('never carries the message of an unexpected error, which may quote a secret', () => {
    const thrown = [
      new Error(`bad value ${SECRET_SHAPED_VALUE}`),
      (() => {
        try {
          JSON.parse(`${SECRET_SHAPED_VALUE}}`);
        } catch (error) {
          return error;
        }
      })(),
      SECRET_SHAPED_VALUE,
      { message: SECRET_SHAPED_VALUE, code: SECRET_SHAPED_VALUE },
      Object.assign(new Error('x'), { name: SECRET_SHAPED_VALUE }),
    ];
    for (const error of thrown) {
      const appError = toAppError(error);
      expect(appError.kind).toBe('internal');
      expect(appError.message).not.toContain('dinie_cs_');
      expect(appError.message).toMatch(/^Unexpected error inside Keysmith \(\w+\)\.$/);
    }
  });

  it('names the error class and the Node code, which say what failed', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/x'"), {
      code: 'EACCES',
    });
    expect(toAppError(denied).message).toBe('Unexpected error inside Keysmith (Error EACCES).');
    expect(toAppError(new TypeError('boom')).message).toBe(
      'Unexpected error inside Keysmith (TypeError).',
    );
  });

  it('finds a Node code on the error or its causes', () => {
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('socket'), { code: 'ECONNRESET' }),
    });
    expect(errorCode(reset)).toBe('ECONNRESET');
    expect(errorCode(new Error('plain'))).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
  });
});
