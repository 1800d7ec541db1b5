// Which parameters a stage trains, at what learning-rate scale, and which get weight decay.
// Two groups: the classifier head ("classifier.*") and the backbone (everything else,
// including the token embedding that the LM head is tied to).

import { isHeadParam } from '../../model/gpt';

export type GroupName = 'backbone' | 'head';

export interface GroupSettings {
  trainable: boolean;
  /** Multiplies the schedule's learning rate for this group. */
  lrScale: number;
}

export type ParamGroupsConfig = Record<GroupName, GroupSettings>;

export interface ParamSetting {
  name: string;
  group: GroupName;
  trainable: boolean;
  lrScale: number;
  weightDecay: boolean;
}

const TRAIN: GroupSettings = { trainable: true, lrScale: 1 };
const FROZEN: GroupSettings = { trainable: false, lrScale: 0 };

/** The groups of each stage. The LM loss never reaches the head, so pretraining leaves it frozen. */
export const STAGE_GROUPS = {
  pretrain: { backbone: TRAIN, head: FROZEN },
  probe: { backbone: FROZEN, head: TRAIN },
  finetune: { backbone: TRAIN, head: TRAIN },
} satisfies Record<string, ParamGroupsConfig>;

/**
 * Decoupled weight decay applies to the weight matrices of linear layers (names ending in
 * ".w", the classifier's included). Embeddings (wte, wpe), LayerNorm gains and all biases are
 * not decayed: decaying rarely seen token rows of the tied embedding towards zero hurts the LM,
 * and decaying gains or biases only limits what they can express.
 */
export function decaysWeight(name: string): boolean {
  return name.endsWith('.w');
}

/**
 * `pairsHead`: whether the stage's objective reads the matched-vs-shuffled head (`pairs.*`, a
 * backbone parameter of models with match signals). Only matching-aware pretraining does; every
 * other stage leaves it frozen, since a parameter the loss never reads has no gradient.
 */
export function paramSettings(names: Iterable<string>, groups: ParamGroupsConfig, options: { pairsHead?: boolean } = {}): ParamSetting[] {
  const settings: ParamSetting[] = [];
  for (const name of names) {
    const group: GroupName = isHeadParam(name) ? 'head' : 'backbone';
    const { lrScale } = groups[group];
    const trainable = groups[group].trainable && (options.pairsHead === true || !name.startsWith('pairs.'));
    if (trainable && !(lrScale > 0)) throw new RangeError(`Parameter group ${group}: lrScale must be > 0 when trainable, got ${lrScale}.`);
    settings.push({ name, group, trainable, lrScale: trainable ? lrScale : 0, weightDecay: decaysWeight(name) });
  }
  return settings;
}
