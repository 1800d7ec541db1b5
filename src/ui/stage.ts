// What every stage of the stepper declares: its explanation, its settings with defaults, and whether
// this build can run it. The screen a stage shows is chosen in app/stage-screens.ts.
import { PAGE_STAGES, type PageStage } from '../core/job/stages';
import type { SettingSpec } from '../core/pipeline/settings-spec';

/** The stepper's steps, in order: the page's rows of the one stage table. */
export const STAGE_IDS = PAGE_STAGES;
export type StageId = PageStage;

export interface StageDefinition {
  id: StageId;
  title: string;
  /** One line for the stepper before the stage has run. */
  tagline: string;
  /** What the stage does. */
  what: string;
  /** Why the method has it. */
  why: string;
  settings: SettingSpec[];
  /** Null when this build runs the stage; else the sentence that says it cannot yet. */
  unavailable: string | null;
}

export const NOT_IN_THIS_BUILD = 'This build cannot run this stage yet: its engine methods are still being written. The settings below are kept (and shared in links) so they apply once it can.';
