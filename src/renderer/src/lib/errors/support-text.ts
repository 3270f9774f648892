import type { ProblemDocument } from '@shared/errors';

/**
 * The text "Copy for support" puts on the clipboard: identifiers a support engineer can look up
 * (instance, code, status, type, time, environment). Never a secret, a token or a request body.
 */
export function supportText(
  problem: ProblemDocument,
  context: { readonly environment?: string | null; readonly at: number },
): string {
  const lines = [
    `Problem: ${problem.title}`,
    `Status: ${problem.status}`,
    problem.code ? `Code: ${problem.code}` : null,
    problem.instance ? `Instance: ${problem.instance}` : null,
    `Type: ${problem.type}`,
    problem.param ? `Param: ${problem.param}` : null,
    `Time: ${new Date(context.at).toISOString()}`,
    context.environment ? `Environment: ${context.environment}` : null,
  ];
  return lines.filter((line): line is string => line !== null).join('\n');
}
