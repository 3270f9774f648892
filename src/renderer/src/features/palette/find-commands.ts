import { readTokenFacts, looksLikeToken } from '@shared/fleet/token-facts';
import type { Finder, FindHit, MatchReason } from '@shared/fleet/matcher';
import type { EnvironmentView } from '../../lib/domain';
import { environmentColour, KIND_LABELS } from '../environments/env-colour';
import type { PaletteCommand } from './palette-filter';

/** What the find results do when chosen. */
export interface FindActions {
  jumpToEnvironment(environmentId: string): void;
  jumpToCredential(environmentId: string, clientId: string): void;
  /** Opens the keys view of an environment (its snapshot). */
  showKeys(environmentId: string): void;
  inspectToken(token: string): void;
}

const REASON_WORDS: Readonly<Record<MatchReason, string>> = {
  client_id: 'client',
  kid: 'key id',
  issuer: 'issuer',
  audience: 'audience',
};

/** "PRODUCTION · Payments prod": an environment as a find result names it. */
function where(environment: EnvironmentView): string {
  return `${KIND_LABELS[environment.kind]} · ${environment.name}`;
}

function hitCommand(
  hit: FindHit,
  environment: EnvironmentView,
  actions: FindActions,
): PaletteCommand {
  const base = { colour: environmentColour(environment), keywords: '' };
  if (hit.kind === 'kid') {
    return {
      ...base,
      id: `find:kid:${hit.environmentId}:${hit.value}`,
      label: `Key ${hit.value}`,
      group: `kid in ${where(environment)}`,
      run: () => actions.showKeys(hit.environmentId),
    };
  }
  const clientId = hit.clientId ?? hit.value;
  return {
    ...base,
    id: `find:${hit.kind}:${hit.environmentId}:${clientId}`,
    label: hit.name ? `${clientId} — ${hit.name}` : clientId,
    group: `${hit.kind === 'name' ? 'credential name' : 'client_id'} in ${where(environment)}`,
    run: () => actions.jumpToCredential(hit.environmentId, clientId),
  };
}

/**
 * The palette's find results for a query: for a pasted token, the environments its claims name
 * (and a command to open it in the debugger); otherwise the client_ids, credential names and
 * kids that equal or start with it. Index lookups only: this runs on every keystroke.
 */
export function findCommands(
  query: string,
  finder: Finder | null,
  environments: readonly EnvironmentView[],
  actions: FindActions,
): PaletteCommand[] {
  const text = query.trim();
  if (text.length < 2) return [];
  const byId = new Map(environments.map((environment) => [environment.id, environment]));
  if (looksLikeToken(text)) {
    const facts = readTokenFacts(text);
    const matches = facts && finder ? finder.matchToken(facts) : [];
    const commands: PaletteCommand[] = matches.flatMap((match) => {
      const environment = byId.get(match.environmentId);
      if (!environment) return [];
      return [
        {
          id: `find:token:${environment.id}`,
          label: `Token from ${environment.name}`,
          group: `${KIND_LABELS[environment.kind]} · matched by ${match.reasons.map((reason) => REASON_WORDS[reason]).join(', ')}`,
          colour: environmentColour(environment),
          keywords: '',
          run: () => actions.jumpToEnvironment(environment.id),
        },
      ];
    });
    return [
      ...commands,
      {
        id: 'find:inspect-token',
        label: 'Inspect this token in the JWT debugger',
        group: commands.length === 0 ? 'No environment matches this token' : 'Token',
        keywords: '',
        run: () => actions.inspectToken(text),
      },
    ];
  }
  if (!finder) return [];
  return finder.find(text, 30).flatMap((hit) => {
    const environment = byId.get(hit.environmentId);
    return environment ? [hitCommand(hit, environment, actions)] : [];
  });
}
