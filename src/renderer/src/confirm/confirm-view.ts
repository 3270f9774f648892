import type { ConfirmAction, ConfirmRequest } from '@shared/confirm';
import { revealHiddenCharacters } from '@shared/hidden-characters';
import { KIND_LABELS } from '../features/environments/env-colour';

/** What each action's subject is, as the label above it says. */
const SUBJECT_LABELS: Readonly<Record<ConfirmAction, string>> = {
  'credential.create': 'New credential',
  'credential.revoke': 'client_id',
  'credential.rename': 'New name',
  'credential.dismiss-pending': 'Client name',
  'environment.remove': 'Base URL',
  'environment.rebind': 'Changes',
  'rotation.create': 'New credential',
  'rotation.revoke-old': 'client_id',
  'rotation.cancel-revoke-new': 'client_id',
  'token.reveal': 'client_id',
  'jwks.fetch': 'URL',
  'client-key.generate': 'client_id',
  'client-key.remove': 'client_id',
};

/** The controls the page wires to the person's answer. */
export interface ConfirmView {
  readonly root: HTMLElement;
  readonly cancel: HTMLButtonElement;
  readonly confirm: HTMLButtonElement;
  /** The typed-phrase field, when the request asks for one. */
  readonly typed: HTMLInputElement | null;
}

/**
 * Creates an element with text content only: nothing main sends is ever parsed as HTML, and every
 * invisible or bidi control character in it shows as a ⟨U+…⟩ marker (a name cannot pose as another).
 */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>> = {},
  ...children: readonly (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    element.append(
      typeof child === 'string' ? document.createTextNode(revealHiddenCharacters(child)) : child,
    );
  }
  return element;
}

/** A warning triangle drawn with DOM calls (the CSP allows no inline markup tricks). */
function warningIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'confirm-icon');
  for (const [d, fill] of [
    ['M12 2 1 21h22L12 2z', 'currentColor'],
    ['M11 9h2v6h-2zM11 17h2v2h-2z', 'var(--confirm-kind-colour)'],
  ] as const) {
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', fill);
    svg.append(path);
  }
  return svg;
}

/** The band naming the environment and its kind: production is red and cannot be mistaken. */
function environmentBand(request: ConfirmRequest): HTMLElement {
  const environment = request.environment;
  const kind = environment?.kind ?? null;
  const band = el('header', {
    class: `confirm-band ${kind === 'production' ? 'confirm-band-production' : ''}`,
    'data-kind': kind ?? 'none',
    'aria-label': 'Environment',
  });
  if (kind === 'production') band.append(warningIcon());
  band.append(
    el('span', { class: 'confirm-band-kind' }, kind === null ? 'Keysmith' : KIND_LABELS[kind]),
  );
  if (environment) {
    band.append(
      el(
        'bdi',
        { class: 'confirm-band-name', title: revealHiddenCharacters(environment.name) },
        environment.name,
      ),
    );
  }
  return band;
}

/** The label of the typed field, naming what the phrase is. */
function typedPrompt(request: ConfirmRequest, phrase: string): HTMLLabelElement {
  const code = el('code', { class: 'confirm-phrase', 'data-testid': 'confirm-phrase' }, phrase);
  const what =
    request.environment?.name === phrase
      ? 'the environment’s name'
      : request.subject?.endsWith(phrase) && request.subject !== phrase
        ? `the last ${phrase.length} characters of the ${SUBJECT_LABELS[request.action]}`
        : 'this';
  return el('label', { for: 'confirm-typed' }, `Type ${what}, `, code, ', to confirm');
}

/** Builds the confirmation for one request: what, where, on what, and the two ways out. */
export function renderConfirmation(request: ConfirmRequest): ConfirmView {
  const destructive = request.typeToConfirm !== null;
  const main = el('main', {
    class: 'confirm-question',
    'aria-labelledby': 'confirm-title',
    'aria-describedby': 'confirm-detail',
  });
  main.append(el('h1', { id: 'confirm-title', class: 'confirm-title' }, request.title));
  if (request.subject !== null) {
    main.append(
      el(
        'div',
        { class: 'confirm-subject' },
        el(
          'span',
          { class: 'confirm-subject-label', id: 'confirm-subject-label' },
          SUBJECT_LABELS[request.action],
        ),
        el(
          'code',
          { class: 'confirm-subject-value', 'aria-labelledby': 'confirm-subject-label' },
          request.subject,
        ),
      ),
    );
  }
  main.append(el('p', { id: 'confirm-detail', class: 'confirm-detail' }, request.detail));
  if (request.warning) {
    main.append(
      el(
        'p',
        { class: 'confirm-warning', role: 'note' },
        el('strong', {}, 'Warning: '),
        request.warning,
      ),
    );
  }
  let typed: HTMLInputElement | null = null;
  if (request.typeToConfirm !== null) {
    typed = el('input', {
      id: 'confirm-typed',
      class: 'input mono',
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      autocapitalize: 'off',
    });
    main.append(
      el('div', { class: 'confirm-field' }, typedPrompt(request, request.typeToConfirm), typed),
    );
  }
  const cancel = el('button', { type: 'button', class: 'button' }, 'Cancel');
  const confirm = el(
    'button',
    { type: 'button', class: `button ${destructive ? 'button-danger' : 'button-primary'}` },
    request.confirmLabel,
  );
  main.append(
    el('div', { class: 'confirm-actions' }, cancel, confirm),
    el(
      'p',
      { class: 'confirm-footnote' },
      'Keysmith asks this in its own window: the app’s page can neither see nor answer it.',
    ),
  );
  const root = el('div', { class: 'confirm-card' }, environmentBand(request), main);
  return { root, cancel, confirm, typed };
}
