// The base of every element that shows or drives the page's pipeline session (the stage cards,
// Run all, the DASA screen, the variants on Evaluate): the lab and page state as properties, both
// followed, re-rendering on their changes. Nothing renders before the lab is given.
import { LitElement, type PropertyDeclarations } from 'lit';
import type { Lab } from '../lab/lab';
import { StateController, type LabState } from '../lab/lab-state';
import { WatchController, type Watchable } from '../watch-controller';
import type { PipelineSession } from '../lab/pipeline-session';

export class PipelineElement extends LitElement {
  // Typed wide so subclasses list only their own properties (Lit merges the class chain's).
  static override properties: PropertyDeclarations = { lab: { attribute: false }, state: { attribute: false } };
  declare lab: Lab | null;
  declare state: LabState | null;
  readonly #follow = new StateController(this);
  readonly #parts: (() => void)[] = [];
  readonly #pipeline = this.followLab((lab) => lab.pipeline);

  constructor() {
    super();
    this.lab = null;
    this.state = null;
  }

  /** The page's lab: an element renders only once it is given. */
  protected get page(): Lab {
    return this.lab!;
  }

  /** The page's pipeline session. */
  protected get session(): PipelineSession {
    return this.#pipeline();
  }

  /** Re-renders on the changes of a part of the lab; returns the reader of that part (once the lab is given). */
  protected followLab<T extends Watchable>(part: (lab: Lab) => T): () => T {
    const controller = new WatchController<T>(this);
    this.#parts.push(() => controller.follow(this.lab ? part(this.lab) : null));
    return () => part(this.page);
  }

  protected override shouldUpdate(): boolean {
    return this.lab !== null;
  }

  /** Subclasses call this first. */
  protected override willUpdate(_changed: Map<PropertyKey, unknown>): void {
    this.#follow.follow(this.state);
    for (const follow of this.#parts) follow();
  }
}
