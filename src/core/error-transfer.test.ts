import { describe, expect, it } from 'vitest';
import { LabError } from './errors';
import { BusyError } from './job/errors';
import { rebuildError, serialiseError } from './error-transfer';

describe('error serialisation', () => {
  it('round-trips a registered LabError through structured clone with its class and details', () => {
    const original = new BusyError('still busy', { running: 'fit demo', sizes: [1, 2] });
    const rebuilt = rebuildError(structuredClone(serialiseError(original)));
    expect(rebuilt).toBeInstanceOf(BusyError);
    expect(rebuilt).toBeInstanceOf(LabError);
    expect(rebuilt.message).toBe('still busy');
    expect((rebuilt as BusyError).details).toEqual({ running: 'fit demo', sizes: [1, 2] });
    expect(rebuilt.stack).toBe(original.stack);
  });

  it('keeps the name of unregistered errors on a plain Error', () => {
    const rebuilt = rebuildError(serialiseError(new RangeError('out of range')));
    expect(rebuilt.constructor).toBe(Error);
    expect(rebuilt.name).toBe('RangeError');
    expect(rebuilt.message).toBe('out of range');
  });

  it('keeps name and details of an unregistered LabError on a LabError', () => {
    class StrangeError extends LabError {}
    const rebuilt = rebuildError(serialiseError(new StrangeError('odd', { where: 'x' })));
    expect(rebuilt).toBeInstanceOf(LabError);
    expect(rebuilt.name).toBe('StrangeError');
    expect((rebuilt as LabError).details).toEqual({ where: 'x' });
  });

  it('drops details that cannot be cloned instead of losing the error', () => {
    const serialised = serialiseError(new LabError('odd', { callback: () => 1, count: 3 }));
    expect(() => structuredClone(serialised)).not.toThrow();
    expect(serialised.details).toEqual({ count: 3 });
  });
});
