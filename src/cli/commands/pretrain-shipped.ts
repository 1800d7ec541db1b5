// `npm run darl -- pretrain-shipped --preset nano|small --out public/models/<preset> [--steps N]
//     [--seed S] [--threads N] [--store DIR] [--progress-seconds S]`
// Makes a shipped pretrained model (docs/SHIPPED-MODELS.md): the pipeline's own Pretrain stage
// (tokenizer, LM and the shuffled-pairs objective, with the preset's full-budget settings) on the
// shipped corpus (generated text with a reserved data seed, no evaluation example of the default
// datasets; core/pipeline/shipped/corpus.ts). Writes model.safetensors (weights only),
// tokenizer.json and shipped.json. The stage goes through a run store (default in the system's
// temporary folder), so an interrupted run continues where it stopped when started again.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelledError } from '../../core/job/errors';
import { GPT_PRESETS, type GptPresetName } from '../../core/model/gpt';
import type { PipelineData } from '../../core/pipeline/data';
import { defaultPipelineSettings } from '../../core/pipeline/defaults';
import { shippedCorpus } from '../../core/pipeline/shipped/corpus';
import { sha256Hex, shippedFileBytes } from '../../core/pipeline/shipped/files';
import {
  SHIPPED_MANIFEST_FILE,
  SHIPPED_MANIFEST_FORMAT,
  SHIPPED_MANIFEST_VERSION,
  SHIPPED_TOKENIZER_FILE,
  SHIPPED_WEIGHTS_FILE,
  type ShippedManifest,
} from '../../core/pipeline/shipped/manifest';
import { CliUsageError, numberFlag, stringFlag, type CliCommand, type ParsedArgs } from '../args';
import { startEngine, withInterrupt } from './cli-engine';
import { formatSeconds } from './format-seconds';

/** The model seed of every shipped model. */
export const SHIPPED_MODEL_SEED = 1;

/** The command as someone would type it to make the same files. */
function commandLine(preset: string, out: string, steps: number | null, seed: number): string {
  return ['npm run darl -- pretrain-shipped', `--preset ${preset}`, `--out ${out}`, steps !== null ? `--steps ${steps}` : '', seed !== SHIPPED_MODEL_SEED ? `--seed ${seed}` : '']
    .filter(Boolean)
    .join(' ');
}

export async function runPretrainShipped(args: ParsedArgs, log: (line: string) => void = console.log): Promise<ShippedManifest | null> {
  const preset = stringFlag(args, 'preset');
  if (!(preset in GPT_PRESETS)) throw new CliUsageError(`--preset must be one of ${Object.keys(GPT_PRESETS).join(', ')}, got "${preset}"`);
  const out = stringFlag(args, 'out');
  const seed = numberFlag(args, 'seed', SHIPPED_MODEL_SEED);
  const steps = args.flags.steps !== undefined ? numberFlag(args, 'steps') : null;
  if (steps !== null && (!Number.isInteger(steps) || steps < 1)) throw new CliUsageError(`--steps must be a whole number of at least 1, got "${String(args.flags.steps)}"`);
  const threads = numberFlag(args, 'threads', 1);
  const storeDir = stringFlag(args, 'store', join(tmpdir(), 'relevance-lab-pretrain-shipped'));
  const progressMs = numberFlag(args, 'progress-seconds', 30) * 1000;

  const settings = defaultPipelineSettings(preset as GptPresetName, seed, 'full');
  if (steps !== null) settings.pretrain.length = { steps };
  const corpus = shippedCorpus();
  const { pairs } = corpus.description;
  log(`corpus: ${pairs.kept} pairs of data seed ${corpus.description.generator.seed} (${corpus.description.generator.modes.join(' + ')}), ${pairs.dropped} dropped for sharing text with an evaluation split`);
  // Everything goes in as train: pretraining reads train, val and pool alike, and no grade.
  const data: PipelineData = { train: corpus.examples, val: [], test_id: [], test_ood: [], pool: [], poolGold: null, fingerprint: corpus.description.fingerprint };

  const engine = await startEngine('wasm', threads);
  let lastLog = -Infinity;
  try {
    const runs = await withInterrupt(
      engine,
      () =>
        engine.runPipelineOnFolder(settings, data, storeDir, {
          until: 'pretrain',
          onProgress: (p) => {
            const now = performance.now();
            if (p.step !== p.total && now - lastLog < progressMs) return;
            lastLog = now;
            const loss = p.figures.loss !== undefined ? `  loss ${p.figures.loss.toFixed(4)}` : '';
            log(`pretrain ${p.step}/${p.total}${loss}  elapsed ${formatSeconds(p.elapsedSeconds)}  ETA ${formatSeconds(p.etaSeconds)}`);
          },
        }),
      () => log('stopping after the current step; the same command continues from the last periodic checkpoint'),
    );
    const stage = runs.pretrain!;
    const { record } = stage;
    if (!record.lm) throw new CliUsageError('pretraining held out no text, so the LM check cannot run; the shipped corpus should never be this small');
    const files = shippedFileBytes(await stage.checkpoint(), preset);
    const manifest: ShippedManifest = {
      format: SHIPPED_MANIFEST_FORMAT,
      version: SHIPPED_MANIFEST_VERSION,
      preset: preset as GptPresetName,
      config: (await stage.checkpoint()).config,
      seed,
      steps: record.steps,
      command: commandLine(preset, out, steps, seed),
      settings: settings.pretrain,
      corpus: corpus.description,
      lm: record.lm,
      training: { documents: record.documents, tokens: record.tokens, finalLoss: record.finalLoss, seconds: record.trainSeconds, backend: 'wasm', threads },
      files: {
        weights: { path: SHIPPED_WEIGHTS_FILE, bytes: files.weights.length, sha256: await sha256Hex(files.weights) },
        tokenizer: { path: SHIPPED_TOKENIZER_FILE, bytes: files.tokenizer.length, sha256: await sha256Hex(files.tokenizer) },
      },
      createdAt: new Date().toISOString(),
    };
    await mkdir(out, { recursive: true });
    await writeFile(join(out, SHIPPED_WEIGHTS_FILE), files.weights);
    await writeFile(join(out, SHIPPED_TOKENIZER_FILE), files.tokenizer);
    await writeFile(join(out, SHIPPED_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    log(
      `${stage.status === 'computed' ? `pretrained ${record.steps} steps in ${formatSeconds(stage.seconds)}` : `found in the run store ${storeDir}`}; ` +
        `held-out LM loss ${record.lm.heldOutLoss.toFixed(4)} against unigram entropy ${record.lm.unigramEntropy.toFixed(4)} nats/token`,
    );
    log(`wrote ${out}: ${SHIPPED_WEIGHTS_FILE} (${files.weights.length} bytes), ${SHIPPED_TOKENIZER_FILE} (${files.tokenizer.length} bytes), ${SHIPPED_MANIFEST_FILE}`);
    return manifest;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    log(`stopped; run the same command again to continue (run store ${storeDir})`);
    return null;
  } finally {
    await engine.close();
  }
}

const command: CliCommand = {
  summary: 'pretrain a shipped model (public/models/<preset>) on the reserved-seed corpus',
  async run(args) {
    return (await runPretrainShipped(args)) ? 0 : 130;
  },
};

export default command;
