import { h } from './dom.js';

/**
 * The token prompt: shown when the server answers 401. The token stays in this tab's session (and a
 * same-site cookie for GraphiQL) and goes with every request as `Authorization: Bearer`.
 */
export function authForm(wrong: boolean, submit: (token: string) => void): HTMLElement {
  const input = h('input', {
    id: 'token',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'aria-describedby': 'token-help',
  });
  const form = h(
    'form',
    { class: 'auth', 'aria-labelledby': 'auth-title' },
    h('h2', { id: 'auth-title' }, 'This server needs a token'),
    h(
      'p',
      { id: 'token-help' },
      wrong
        ? 'The token was refused. Enter the token of --auth-token-file again.'
        : 'Enter the bearer token the server was started with (--auth-token-file). It is kept only for this browser tab.',
    ),
    h('label', { for: 'token' }, 'Token'),
    input,
    h('button', { type: 'submit' }, 'Continue'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (input.value.trim() !== '') submit(input.value.trim());
  });
  queueMicrotask(() => input.focus());
  return form;
}
