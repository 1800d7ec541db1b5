// The screen each stage with a screen of its own shows; the other stages get the generic stage view
// (explanation, settings, and a plain note that it cannot run yet).
import { html, type TemplateResult } from 'lit';
import '../dasa/dasa-screen';
import '../data/data-screen';
import '../evaluate/evaluate-screen';
import '../evaluate/interpolate-screen';
import type { Lab } from '../lab/lab';
import type { LabState } from '../lab/lab-state';
import '../pipeline/pipeline-card';
import '../playground/playground-screen';
import '../runs/runs-screen';
import type { StageId } from '../stage';
import { dasaStage } from '../stages/dasa';
import { evaluateStage } from '../stages/evaluate';
import { finetuneStage } from '../stages/finetune';
import { interpolateStage } from '../stages/interpolate';
import { modelStage } from '../stages/model';
import { playgroundStage } from '../stages/playground';
import { pretrainStage } from '../stages/pretrain';
import { probeStage } from '../stages/probe';
import { runsStage } from '../stages/runs';
import '../training/model-screen';
import '../training/shipped-model-note';
import '../training/training-screen';

export interface StageContext {
  lab: Lab | null;
  state: LabState;
}

export type StageScreen = (context: StageContext) => TemplateResult;

export const STAGE_SCREENS: Partial<Record<StageId, StageScreen>> = {
  data: ({ lab, state }) => html`<lab-data-screen .lab=${lab} .state=${state}></lab-data-screen>`,
  model: ({ lab, state }) => html`<lab-model-screen .lab=${lab} .state=${state} .stage=${modelStage}></lab-model-screen>`,
  pretrain: ({ lab, state }) => html`<lab-training-screen .lab=${lab} .state=${state} .stage=${pretrainStage}>
    <lab-pipeline-card slot="pipeline" .lab=${lab} .state=${state} .stage=${'pretrain'}></lab-pipeline-card>
    <lab-shipped-model-note slot="pipeline" .state=${state}></lab-shipped-model-note>
  </lab-training-screen>`,
  probe: ({ lab, state }) => html`<lab-training-screen .lab=${lab} .state=${state} .stage=${probeStage}>
    <lab-pipeline-card slot="pipeline" .lab=${lab} .state=${state} .stage=${'probe'}></lab-pipeline-card>
  </lab-training-screen>`,
  dasa: ({ lab, state }) => html`<lab-dasa-screen .lab=${lab} .state=${state} .stage=${dasaStage}></lab-dasa-screen>`,
  finetune: ({ lab, state }) => html`<lab-training-screen .lab=${lab} .state=${state} .stage=${finetuneStage}>
    <lab-pipeline-card slot="pipeline" .lab=${lab} .state=${state} .stage=${'finetune'}></lab-pipeline-card>
  </lab-training-screen>`,
  interpolate: ({ lab, state }) => html`<lab-interpolate-screen .lab=${lab} .state=${state} .stage=${interpolateStage}></lab-interpolate-screen>`,
  evaluate: ({ lab, state }) => html`<lab-evaluate-screen .lab=${lab} .state=${state} .stage=${evaluateStage}></lab-evaluate-screen>`,
  playground: ({ lab, state }) => html`<lab-playground-screen .lab=${lab} .state=${state} .stage=${playgroundStage}></lab-playground-screen>`,
  runs: ({ lab, state }) => html`<lab-runs-screen .lab=${lab} .state=${state} .stage=${runsStage}></lab-runs-screen>`,
};
