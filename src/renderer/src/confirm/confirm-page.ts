import { typedPhraseMatches, type KeysmithConfirmBridge } from '@shared/confirm';
import { revealHiddenCharacters } from '@shared/hidden-characters';
import { renderConfirmation } from './confirm-view';
import './confirm.css';

declare global {
  interface Window {
    /** The confirmation window's own bridge, from its own preload: absent anywhere else. */
    readonly keysmithConfirm?: KeysmithConfirmBridge;
  }
}

/** Shows a line of text instead of a question (no bridge, or nothing to confirm). */
function showMessage(root: HTMLElement, text: string): void {
  const line = document.createElement('p');
  line.className = 'confirm-loading';
  line.textContent = text;
  root.replaceChildren(line);
}

/**
 * The trusted confirmation page: asks main for its one question, shows it, and sends back the
 * person's answer. Cancel has the focus, Escape cancels, and the confirm button stays disabled
 * until the typed phrase matches (main checks that phrase again itself).
 */
async function run(root: HTMLElement): Promise<void> {
  const bridge = window.keysmithConfirm;
  if (!bridge) return showMessage(root, 'This page only works in Keysmith’s confirmation window.');
  const request = await bridge.request();
  if (request === null) return showMessage(root, 'There is nothing to confirm.');
  document.title = `Confirm: ${revealHiddenCharacters(request.title)} — Keysmith`;
  const view = renderConfirmation(request);
  root.replaceChildren(view.root);

  const matches = () => typedPhraseMatches(request.typeToConfirm, view.typed?.value ?? '');
  let answered = false;
  const answer = (confirmed: boolean) => {
    if (answered || (confirmed && !matches())) return;
    answered = true;
    view.cancel.disabled = true;
    view.confirm.disabled = true;
    if (view.typed) view.typed.readOnly = true;
    void bridge.answer(confirmed, view.typed?.value ?? '');
  };

  view.confirm.disabled = !matches();
  view.typed?.addEventListener('input', () => {
    view.confirm.disabled = answered || !matches();
  });
  view.typed?.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') answer(true);
  });
  view.cancel.addEventListener('click', () => answer(false));
  view.confirm.addEventListener('click', () => answer(true));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      answer(false);
    }
  });
  // Cancel has the focus; the page still opens at its top, where the environment is named.
  view.cancel.focus({ preventScroll: true });
}

const root = document.getElementById('confirm-root');
if (root) {
  run(root).catch(() => showMessage(root, 'Keysmith could not show this question.'));
}
