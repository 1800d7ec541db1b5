// The base of every element that shows or drives the page-wide pipeline session (the stage cards,
// Run all, the DASA screen, the variants on Evaluate): the lab and page state as properties, the
// state followed, the session attached to them before each render and re-rendering on its changes.
import { LitElement, type PropertyDeclarations } from 'lit';
import type { LabHandle } from '../lab-handle';
import { StateController, type LabState } from '../lab-state';
import type { PipelineSession } from './pipeline-session';
import { PipelineSessionController } from './session-controller';

export class PipelineElement extends LitElement {
  // Typed wide so subclasses list only their own properties (Lit merges the class chain's).
  static override properties: PropertyDeclarations = { lab: { attribute: false }, state: { attribute: false } };
  declare lab: LabHandle | null;
  declare state: LabState | null;
  readonly #follow = new StateController(this);
  protected readonly session: PipelineSession = new PipelineSessionController(this).session;

  constructor() {
    super();
    this.lab = null;
    this.state = null;
  }

  /** Subclasses call this first: the session must know the lab and state before they read it. */
  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('state')) this.#follow.follow(this.state);
    this.session.attach(this.lab, this.state);
  }
}
