import { describe, expect, it } from 'vitest';
import { withoutTrailingSlashes } from '../../src/shared/trailing-slashes';

describe('withoutTrailingSlashes', () => {
  it('drops every trailing slash and nothing else', () => {
    expect(withoutTrailingSlashes('https://auth.example.com/realms/a///')).toBe(
      'https://auth.example.com/realms/a',
    );
    expect(withoutTrailingSlashes('https://auth.example.com')).toBe('https://auth.example.com');
    expect(withoutTrailingSlashes('///')).toBe('');
  });

  it('keeps a long run of slashes that is not at the end (the text a quadratic regex stalls on)', () => {
    const hostile = `${'/'.repeat(200_000)}x`;
    expect(withoutTrailingSlashes(hostile)).toBe(hostile);
  });
});
