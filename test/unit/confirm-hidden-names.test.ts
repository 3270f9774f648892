import { describe, expect, it } from 'vitest';
import {
  cancelRevokeNewRequest,
  createCredentialRequest,
  revokeCredentialRequest,
  revokeOldRequest,
  rotationCreateRequest,
} from '../../src/main/core/confirm/confirm-requests';
import type { Rotation } from '../../src/shared/rotation';

const ENV = { id: 'env-1', name: 'Payments', kind: 'production' as const };
const LYING = '\u202Enorc dlO';

/** A rotation as far as the requests read it: its two credentials and its watch. */
function rotation(oldName: string, newName: string): Rotation {
  return {
    old: { clientId: 'dinie_ci_old000000000000000000000001', name: oldName },
    replacement: { name: newName },
    watch: null,
  } as unknown as Rotation;
}

/** Everything main's window shows of a request, as one text. */
function shownText(request: ReturnType<typeof revokeOldRequest>): string {
  return [request.title, request.detail, request.warning ?? ''].join('\n');
}

describe('main’s confirmations warn about names that lie, and show them as markers', () => {
  it('rotating a credential whose name holds a right-to-left override warns, naming the character', () => {
    const request = rotationCreateRequest(ENV, rotation(LYING, 'Old cron (rotated)'));
    expect(request.warning).toContain('The old credential’s name “⟨U+202E⟩norc dlO”');
    expect(request.warning).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(request.detail).toContain('“⟨U+202E⟩norc dlO”');
    expect(shownText(request)).not.toContain('\u202E');
  });

  it('revoking the old credential of such a rotation warns before its own "revoke anyway" warning', () => {
    const request = revokeOldRequest(ENV, rotation('Old\u200B cron', 'New'), true);
    expect(request.warning).toMatch(
      /^The old credential’s name “Old⟨U\+200B⟩ cron” holds U\+200B ZERO WIDTH SPACE/,
    );
    expect(request.warning).toContain('You chose to revoke');
    expect(request.typeToConfirm).toBe('000001');
  });

  it('a revoke warns when the client_id or the environment name holds hidden characters', () => {
    const byId = revokeCredentialRequest(ENV, 'dinie_ci_\u2066abc\u2069123456', false);
    expect(byId.warning).toContain('The client_id “dinie_ci_⟨U+2066⟩abc⟨U+2069⟩123456”');
    const byEnv = revokeCredentialRequest({ ...ENV, name: 'Pay\uFEFFments' }, 'dinie_ci_1', true);
    expect(byEnv.title).toBe('Revoke a credential in Pay⟨U+FEFF⟩ments');
    expect(byEnv.warning).toMatch(/^The environment name “Pay⟨U\+FEFF⟩ments” holds U\+FEFF/);
    expect(byEnv.warning).toContain('This is the credential Pay⟨U+FEFF⟩ments uses');
  });

  it('a revoke names the credential main last listed, and warns when that name lies', () => {
    const request = revokeCredentialRequest(ENV, 'dinie_ci_1', false, LYING);
    expect(request.detail).toContain('Revoking this credential “⟨U+202E⟩norc dlO”');
    expect(request.warning).toContain('The credential name “⟨U+202E⟩norc dlO”');
    expect(shownText(request)).not.toContain('\u202E');
    expect(revokeCredentialRequest(ENV, 'dinie_ci_1', false, 'Old cron').warning).toBeUndefined();
  });

  it('ordinary names get no such warning, and the requests read as before', () => {
    expect(revokeCredentialRequest(ENV, 'dinie_ci_1', false).warning).toBeUndefined();
    expect(rotationCreateRequest(ENV, rotation('Old cron', 'New cron')).warning).toBeUndefined();
    expect(createCredentialRequest(ENV, 'Billing').detail).toContain('“Billing” in Payments');
    expect(createCredentialRequest(ENV, 'Bil\u202Dling').warning).toContain('⟨U+202D⟩');
    expect(cancelRevokeNewRequest(ENV, rotation('a', 'b'), ['dinie_ci_2'], false).warning).toBe(
      undefined,
    );
  });
});
