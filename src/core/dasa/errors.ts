// Named failures of DASA selection and of annotation.
import { LabError, registerLabError } from '../errors';

/** Scores, features, ids or settings given to a selector do not fit together or are out of range. */
export class DasaInputError extends LabError {}
registerLabError(DasaInputError);

/** A label file has problems; details.problems lists each one with its line. */
export class AnnotationFileError extends LabError {}
registerLabError(AnnotationFileError);

/** Some selected samples have no grade yet; details.ids lists them. */
export class UnlabelledSamplesError extends LabError {}
registerLabError(UnlabelledSamplesError);
