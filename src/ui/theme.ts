// Shared look: a restrained palette, type scale, and the styles of controls every screen uses.
import { css } from 'lit';

export const tokens = css`
  :host {
    --ink: #1b2230;
    --ink-muted: #4d5668;
    --line: #d6dae2;
    --surface: #ffffff;
    --canvas: #f4f6f9;
    --accent: #2456c8;
    --accent-ink: #ffffff;
    --accent-soft: #e8eefb;
    --ok: #1f7a4a;
    --warn-bg: #fff5db;
    --warn-line: #b98100;
    --danger: #b3261e;
    --danger-bg: #fdeceb;
    --radius: 8px;
    --grade-0: #9aa3b2;
    --grade-1: #e0a526;
    --grade-2: #2456c8;
  }
`;

export const controls = css`
  h2, h3, h4 { color: var(--ink); line-height: 1.25; }
  button {
    font: inherit; font-size: 0.9rem; padding: 0.45rem 0.9rem; border-radius: 6px; cursor: pointer;
    border: 1px solid var(--line); background: var(--surface); color: var(--ink);
  }
  button:hover:not(:disabled) { border-color: var(--accent); }
  button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); font-weight: 600; }
  button.primary:hover:not(:disabled) { background: #1c47a8; }
  button.danger { color: var(--danger); }
  button:disabled { opacity: 0.5; cursor: not-allowed; }
  button:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible, summary:focus-visible {
    outline: 3px solid #8fb0f0; outline-offset: 1px;
  }
  input, select, textarea {
    font: inherit; font-size: 0.9rem; padding: 0.35rem 0.5rem; border: 1px solid #b9bfca; border-radius: 6px;
    background: var(--surface); color: var(--ink); min-width: 0;
  }
  input[type='checkbox'] { width: 1rem; height: 1rem; accent-color: var(--accent); }
  .card { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem 1.25rem; }
  .muted { color: var(--ink-muted); }
  .error { margin: 0.5rem 0; padding: 0.6rem 0.8rem; background: var(--danger-bg); border-left: 4px solid var(--danger); border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
  .notice { margin: 0.5rem 0; padding: 0.6rem 0.8rem; background: var(--warn-bg); border-left: 4px solid var(--warn-line); border-radius: 4px; }
  table { border-collapse: collapse; width: 100%; font-size: 0.875rem; }
  th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { font-weight: 600; color: var(--ink-muted); background: #f8f9fb; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** The layout every screen starts from: a block host, spaced sections, its section headings. */
export const screenLayout = css`
  :host { display: block; }
  section { margin-bottom: 1.25rem; }
  h3 { margin: 0 0 0.75rem; font-size: 1.1rem; }
`;

/** What a block element of the page starts from: the palette, the controls, and a host shown as a block. */
export const blockElement = [
  tokens,
  controls,
  css`
    :host { display: block; }
  `,
];

/** What a stage's screen starts from: the palette, the controls and the screen layout. */
export const screenElement = [tokens, controls, screenLayout];

/** What a card of a screen starts from (the pipeline's stage card, the reference run): a block host spaced from the next. */
export const screenCard = [
  tokens,
  controls,
  css`
    :host { display: block; margin-bottom: 1.25rem; }
    h3 { margin: 0 0 0.5rem; font-size: 1.1rem; }
  `,
];
