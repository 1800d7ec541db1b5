// `npm run darl -- export --checkpoint CHECKPOINT --format hf --out DIR [--head on|off]`
// Writes the checkpoint as a Hugging Face GPT-2 folder (src/core/huggingface/export-folder.ts):
// model.safetensors, config.json, tokenizer.json, tokenizer_config.json, lab.safetensors, README.md.
// --head: write the grade head as score.weight (GPT2ForSequenceClassification); default on for a
// probe or finetune checkpoint, off for a pretraining one (GPT2LMHeadModel). docs/INTEROP.md.
import { readModelCheckpointFile } from '../../core/checkpoint/node-file';
import { hasTrainedHead, huggingFaceFolder } from '../../core/huggingface/export-folder';
import { writeFolder } from '../../core/huggingface/node-folder';
import { CliUsageError, stringFlag, type CliCommand, type ParsedArgs } from '../args';

export async function runExport(args: ParsedArgs, log: (line: string) => void = console.log): Promise<string[]> {
  const path = stringFlag(args, 'checkpoint');
  const out = stringFlag(args, 'out');
  const format = stringFlag(args, 'format', 'hf');
  if (format !== 'hf') throw new CliUsageError(`--format must be hf (Hugging Face GPT-2), got "${format}"`);
  const headFlag = args.flags.head === undefined ? undefined : stringFlag(args, 'head');
  if (headFlag !== undefined && headFlag !== 'on' && headFlag !== 'off') throw new CliUsageError(`--head must be on or off, got "${headFlag}"`);
  const checkpoint = await readModelCheckpointFile(path);
  const head = headFlag === undefined ? hasTrainedHead(checkpoint) : headFlag === 'on';
  const files = huggingFaceFolder(checkpoint, { head, where: path });
  await writeFolder(out, files);
  log(`wrote ${out} as ${head ? 'GPT2ForSequenceClassification' : 'GPT2LMHeadModel'}:`);
  for (const file of files) log(`  ${file.name.padEnd(22)} ${file.bytes.length} bytes`);
  return files.map((file) => file.name);
}

const command: CliCommand = {
  summary: 'export a checkpoint as a Hugging Face GPT-2 folder (--format hf)',
  async run(args) {
    await runExport(args);
    return 0;
  },
};

export default command;
