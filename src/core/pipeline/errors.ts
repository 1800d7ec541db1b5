// Named failures of the pipeline and its run store. tfjs-free: the page may show them.
import { LabError, registerLabError } from '../errors';

/** Settings or data a pipeline stage cannot work with (an empty split, a missing pool, a bad alpha). */
export class PipelineInputError extends LabError {}
registerLabError(PipelineInputError);

/** A run store name that is not allowed, or a stored record that cannot be read back. */
export class RunStoreError extends LabError {}
registerLabError(RunStoreError);

/** A shipped pretrained model that is missing, unreadable, or whose files do not match its shipped.json. */
export class ShippedModelError extends LabError {}
registerLabError(ShippedModelError);
