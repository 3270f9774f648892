import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote, tokenCopyText } from '../../src/main/core/tokens/token-copy';

/** What a POSIX shell makes of a quoted word: the value it passes to a command. */
function throughShell(quoted: string): string {
  return execFileSync('sh', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' });
}

describe('copying an access token', () => {
  it.each([
    ['plain', 'abc.def.ghi'],
    ['a single quote', "it's"],
    ['only quotes', "'''"],
    ['shell syntax', '$(rm -rf /) `x` $HOME; echo "hi" | cat & \\n'],
    ['spaces and a line break', 'a b\nc'],
    ['nothing', ''],
  ])('quotes %s so the shell passes it through unchanged', (_what, value) => {
    expect(throughShell(shellQuote(value))).toBe(value);
  });

  it('writes the bare token, an Authorization header, or a curl command for the credentials list', () => {
    const token = 'eyJ.header.sig';
    expect(tokenCopyText('token', token, 'https://api.example.com')).toBe(token);
    expect(tokenCopyText('authorization-header', token, 'https://api.example.com')).toBe(
      `Authorization: Bearer ${token}`,
    );
    expect(tokenCopyText('curl', token, "https://api.example.com/o'brien")).toBe(
      `curl -H 'Authorization: Bearer ${token}' 'https://api.example.com/o'\\''brien/auth/credentials'`,
    );
  });
});
