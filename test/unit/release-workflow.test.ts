import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { NOTARIZE_SETS } from '../../scripts/signing';

const ROOT = resolve(import.meta.dirname, '../..');
const WORKFLOW = join(ROOT, '.github/workflows/release.yml');
const text = readFileSync(WORKFLOW, 'utf8');
// The YAML parser electron-builder itself reads electron-builder.yml with (a dependency of its own).
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib'));
const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };

interface Step {
  readonly name?: string;
  readonly if?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly env?: Record<string, string>;
}
interface Workflow {
  readonly on: {
    push: { tags: string[] };
    workflow_call: { secrets: Record<string, { required: boolean }> };
  };
  readonly permissions: Record<string, string>;
  readonly jobs: {
    build: { strategy: { matrix: { os: string[] } }; steps: Step[] };
    release: { needs: string; if: string; permissions: Record<string, string>; steps: Step[] };
  };
}
const workflow = yaml.load(text) as Workflow;
const steps = workflow.jobs.build.steps;
const indexOf = (run: string): number => steps.findIndex((step) => step.run === run);

describe('the release workflow (.github/workflows/release.yml)', () => {
  it('is a valid workflow for the linter `npm run lint` runs, which refuses a broken one', () => {
    expect(validateWorkflow(text).errors).toEqual([]);
    const broken = text.replace('runs-on: ${{ matrix.os }}', 'runs_on: ${{ matrix.os }}');
    expect(broken).not.toBe(text);
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it('runs on a version tag, on Linux, macOS and Windows, testing before packaging', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(workflow.jobs.build.strategy.matrix.os).toEqual([
      'ubuntu-latest',
      'macos-latest',
      'windows-latest',
    ]);
    expect(indexOf('npm ci')).toBeGreaterThan(-1);
    expect(indexOf('npm ci')).toBeLessThan(indexOf('npm test'));
    const packaging = steps.filter((step) => step.run === 'npm run dist');
    expect(packaging.map((step) => step.if)).toEqual([
      "runner.os == 'macOS'",
      "runner.os == 'Windows'",
      "runner.os == 'Linux'",
    ]);
    for (const step of packaging) expect(steps.indexOf(step)).toBeGreaterThan(indexOf('npm test'));
  });

  it('installs the Linux keychain packages and a display before the tests', () => {
    const linux = steps.find(
      (step) => step.if === "runner.os == 'Linux'" && step.run?.includes('apt-get'),
    );
    for (const pkg of ['gnome-keyring', 'dbus', 'libsecret-1-0', 'xvfb'])
      expect(linux?.run).toContain(pkg);
  });

  it('names every signing secret as an input, and hands each only to the platform that uses it', () => {
    const secrets = Object.keys(workflow.on.workflow_call.secrets);
    const apple = NOTARIZE_SETS.flat().filter(
      (name) => !['APPLE_API_KEY', 'APPLE_KEYCHAIN_PROFILE'].includes(name),
    );
    expect(secrets).toEqual(
      expect.arrayContaining([
        'CSC_LINK',
        'CSC_KEY_PASSWORD',
        'WIN_CSC_LINK',
        'WIN_CSC_KEY_PASSWORD',
        'APPLE_API_KEY_P8',
        ...apple,
      ]),
    );
    for (const secret of secrets) {
      expect(workflow.on.workflow_call.secrets[secret]?.required, secret).toBe(false);
      const users = steps.filter((step) =>
        JSON.stringify(step.env ?? {}).includes(`secrets.${secret} `),
      );
      expect(users.length, secret).toBeGreaterThan(0);
      const platforms = new Set(users.map((step) => step.if));
      expect(platforms.size, secret).toBe(1);
      expect([...platforms][0]).toBe(
        secret.startsWith('WIN_') ? "runner.os == 'Windows'" : "runner.os == 'macOS'",
      );
    }
    // The tests never see a signing secret.
    expect(steps[indexOf('npm test')]?.env).toBeUndefined();
  });

  it('drafts the release from a separate job, the only one allowed to write', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.release.needs).toBe('build');
    expect(workflow.jobs.release.permissions).toEqual({ contents: 'write' });
    expect(workflow.jobs.release.if).toContain("startsWith(github.ref, 'refs/tags/v')");
    expect(workflow.jobs.release.steps.map((step) => step.run ?? '').join('\n')).toMatch(
      /gh release create .*--draft/s,
    );
  });
});
