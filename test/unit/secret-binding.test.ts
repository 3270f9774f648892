import { describe, expect, it } from 'vitest';
import {
  bindingChanges,
  bindingOf,
  openSecret,
  sealSecret,
} from '../../src/main/core/secrets/secret-binding';

const PRODUCTION = {
  kind: 'production' as const,
  baseUrl: 'https://api.example.com/v1',
  tokenUrl: null,
};

describe('a secret is bound to the origins and kind it was proven against', () => {
  it('binds to the token endpoint and API origins (not paths) and the kind', () => {
    expect(bindingOf(PRODUCTION)).toEqual({
      tokenOrigin: 'https://api.example.com',
      apiOrigin: 'https://api.example.com',
      kind: 'production',
    });
    expect(
      bindingOf({ ...PRODUCTION, tokenUrl: 'https://login.example.com:8443/oauth2/token' }),
    ).toMatchObject({ tokenOrigin: 'https://login.example.com:8443' });
  });

  it('sees no change when only a path moves on the same origins', () => {
    const moved = bindingOf({ ...PRODUCTION, baseUrl: 'https://api.example.com/v2' });
    expect(bindingChanges(bindingOf(PRODUCTION), moved)).toEqual([]);
  });

  it('names every change, old → new: token endpoint, API and kind', () => {
    const from = bindingOf(PRODUCTION);
    expect(
      bindingChanges(from, bindingOf({ ...PRODUCTION, tokenUrl: 'https://evil.example/t' })),
    ).toEqual(['token endpoint https://api.example.com → https://evil.example']);
    expect(
      bindingChanges(from, bindingOf({ ...PRODUCTION, baseUrl: 'http://api.example.com' })),
    ).toEqual([
      'token endpoint https://api.example.com → http://api.example.com',
      'API https://api.example.com → http://api.example.com',
    ]);
    expect(bindingChanges(from, bindingOf({ ...PRODUCTION, kind: 'development' }))).toEqual([
      'kind production → development',
    ]);
    // Any kind change counts, towards production too.
    expect(bindingChanges(bindingOf({ ...PRODUCTION, kind: 'staging' }), from)).toEqual([
      'kind staging → production',
    ]);
  });

  it('keeps the secret and its binding together in one versioned envelope', () => {
    const binding = bindingOf(PRODUCTION);
    const text = sealSecret('s3cr:et "quoted" ü', binding, 1_700_000_000_000);
    expect(JSON.parse(text)).toEqual({
      v: 1,
      secret: 's3cr:et "quoted" ü',
      ...binding,
      provenAt: 1_700_000_000_000,
    });
    expect(openSecret(text)).toEqual({
      v: 1,
      secret: 's3cr:et "quoted" ü',
      ...binding,
      provenAt: 1_700_000_000_000,
    });
  });

  it('reads a plain secret (stored before bindings existed) as no envelope, whatever it looks like', () => {
    for (const legacy of [
      'dinie_cs_test_abc',
      '{"not":"an envelope"}',
      '{"v":1,"secret":"x"}',
      '{"v":2,"secret":"x","tokenOrigin":"a","apiOrigin":"a","kind":"production","provenAt":null}',
      '{"v":1, broken',
      '',
    ]) {
      expect(openSecret(legacy), legacy).toBeNull();
    }
  });
});
