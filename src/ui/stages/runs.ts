// After the stages: the runs, checkpoints and datasets this browser keeps, their sizes and the quota.
import type { StageDefinition } from '../stage';

export const runsStage: StageDefinition = {
  id: 'runs',
  title: 'Runs and storage',
  tagline: 'What this browser keeps',
  what: 'Everything the lab stored in this browser: the runs (a training stage\'s record of settings, curve and outcome, with the checkpoints it wrote), the checkpoints, datasets and tokenizers, each with its size, and how much room the browser gives the lab. Delete what you no longer need, or move a run to another browser as one file.',
  why: 'Models and datasets take real space, and browsers clear sites that run out of it. Seeing the sizes and moving whole runs keeps experiments safe and shareable without any server.',
  settings: [],
  unavailable: null,
};
