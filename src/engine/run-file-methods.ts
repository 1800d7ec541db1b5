// .labrun import and export on the engine's side (run-file-types.ts).
import { exportRunFile, importRunFile, InvalidRunFileError, RUN_FILE_LIMITS } from '../storage/run-file';
import { fileNameOf, readCapped } from './file-bytes';
import type { EngineContext } from './lab-engine';
import type { RunFileEngine } from './run-file-types';

export function createRunFileMethods(context: EngineContext): RunFileEngine {
  return {
    async importRunFile(file, options = {}) {
      const fileName = options.fileName ?? fileNameOf(file) ?? 'run file';
      const limit = RUN_FILE_LIMITS.fileBytes;
      const bytes = await readCapped(file, limit, (size) => new InvalidRunFileError(`${fileName}: the file is ${size} bytes; the lab imports run files of at most ${limit} bytes. Nothing was stored.`, { fileName }));
      return importRunFile(await context.store(), bytes, { fileName });
    },

    async exportRunFile(runId) {
      return exportRunFile(await context.store(), runId);
    },
  };
}
