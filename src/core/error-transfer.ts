// Makes failures cross the worker boundary as their own LabError classes. Comlink's default 'throw'
// handler keeps only name, message and stack and rebuilds a plain Error; this one also carries
// `details` and rebuilds the registered class, so `error instanceof BusyError` holds on the page.
import * as Comlink from 'comlink';
import { LabError, labErrorClass } from './errors';

interface SerialisedThrow {
  isError: boolean;
  value: unknown;
}

interface SerialisedError {
  name: string;
  message: string;
  stack?: string;
  details?: Record<string, unknown>;
}

/** Keeps only what structured clone can carry, so an odd detail never hides the error itself. */
function cloneableDetails(details: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(details);
  } catch {
    return JSON.parse(JSON.stringify(details, (_key, value) => (typeof value === 'bigint' ? String(value) : value)));
  }
}

export function serialiseError(error: Error): SerialisedError {
  const serialised: SerialisedError = { name: error.name, message: error.message, stack: error.stack };
  if (error instanceof LabError) serialised.details = cloneableDetails(error.details);
  return serialised;
}

export function rebuildError(serialised: SerialisedError): Error {
  const cls = labErrorClass(serialised.name) ?? (serialised.details ? LabError : undefined);
  const error = cls ? new cls(serialised.message, serialised.details ?? {}) : new Error(serialised.message);
  error.name = serialised.name;
  if (serialised.stack) error.stack = serialised.stack;
  return error;
}

let installed = false;

/** Registers the handler. Call it on both sides (worker and page); repeated calls do nothing. */
export function installErrorTransfer(): void {
  if (installed) return;
  const original = Comlink.transferHandlers.get('throw');
  if (!original) throw new Error("Comlink has no 'throw' transfer handler to replace.");
  const handler: Comlink.TransferHandler<{ value: unknown }, SerialisedThrow> = {
    // Comlink marks thrown values with a private symbol: only its own handler can recognise them.
    canHandle: (value): value is { value: unknown } => original.canHandle(value),
    serialize({ value }) {
      const serialised: SerialisedThrow =
        value instanceof Error ? { isError: true, value: serialiseError(value) } : { isError: false, value };
      return [serialised, []];
    },
    deserialize(serialised) {
      if (serialised.isError) throw rebuildError(serialised.value as SerialisedError);
      throw serialised.value;
    },
  };
  Comlink.transferHandlers.set('throw', handler as Comlink.TransferHandler<unknown, unknown>);
  installed = true;
}
