// What every stage of the stepper declares: its explanation, its settings with defaults, and whether
// this build can run it. A stage with a screen of its own supplies `render`; the rest get the
// generic stage view (explanation, settings, and a plain note that it cannot run yet).
import type { TemplateResult } from 'lit';
import { PAGE_STAGES, type PageStage } from '../../core/job/stages';
import type { Lab } from '../lab';
import type { SettingSpec } from '../settings/spec';
import type { LabState } from '../lab-state';

/** The stepper's steps, in order: the page's rows of the one stage table. */
export const STAGE_IDS = PAGE_STAGES;
export type StageId = PageStage;

export interface StageContext {
  lab: Lab | null;
  state: LabState;
}

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
  render?: (context: StageContext) => TemplateResult;
}

export const NOT_IN_THIS_BUILD = 'This build cannot run this stage yet: its engine methods are still being written. The settings below are kept (and shared in links) so they apply once it can.';
