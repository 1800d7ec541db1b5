// Tokenizers and runs: one small record each, so one put is atomic on its own.
import type { IDBPDatabase } from 'idb';
import { StoredItemNotFoundError } from './errors';
import { jsonSize, requireId, requireStorable } from './input-checks';
import { ensureRoom, quotaError, type QuotaContext } from './quota';
import type { LabDB, TokenizerRecord } from './schema';
import { isQuotaExceeded } from './transactions';
import type { RunRecord, StoredRunSummary, StoredTokenizer, TokenizerInput, TokenizerSummary } from './types';

export interface RecordStoreContext extends QuotaContext {
  db: IDBPDatabase<LabDB>;
}

async function putWithQuota(context: RecordStoreContext, what: string, bytes: number, put: () => Promise<unknown>): Promise<void> {
  await ensureRoom(context, what, bytes);
  try {
    await put();
  } catch (error) {
    if (isQuotaExceeded(error)) throw await quotaError(context, what, bytes);
    throw error;
  }
}

export async function saveTokenizer(context: RecordStoreContext, tokenizer: TokenizerInput): Promise<TokenizerSummary> {
  const where = `tokenizer "${tokenizer?.name}"`;
  requireId(tokenizer?.id, where);
  requireStorable(tokenizer.json, `${where}: json`);
  const record: TokenizerRecord = { id: tokenizer.id, name: String(tokenizer.name), json: tokenizer.json, savedAt: new Date().toISOString(), byteSize: jsonSize(tokenizer.json) };
  await putWithQuota(context, where, record.byteSize, () => context.db.put('tokenizers', record));
  return tokenizerSummary(record);
}

export async function loadTokenizer(db: IDBPDatabase<LabDB>, id: string): Promise<StoredTokenizer> {
  const record = await db.get('tokenizers', id);
  if (!record) throw new StoredItemNotFoundError(`No tokenizer with id "${id}" is stored.`, { kind: 'tokenizer', id });
  const { byteSize: _size, ...tokenizer } = record;
  return tokenizer;
}

export async function listTokenizers(db: IDBPDatabase<LabDB>): Promise<TokenizerSummary[]> {
  return (await db.getAll('tokenizers')).map(tokenizerSummary).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export async function deleteTokenizer(db: IDBPDatabase<LabDB>, id: string): Promise<void> {
  if (!(await db.getKey('tokenizers', id))) throw new StoredItemNotFoundError(`No tokenizer with id "${id}" is stored.`, { kind: 'tokenizer', id });
  await db.delete('tokenizers', id);
}

function tokenizerSummary({ id, name, savedAt, byteSize }: TokenizerRecord): TokenizerSummary {
  return { id, name, savedAt, byteSize };
}

export async function saveRun(context: RecordStoreContext, run: RunRecord): Promise<StoredRunSummary> {
  const where = `run "${run?.id}"`;
  requireId(run?.id, where);
  requireStorable(run, where);
  const envelope = { id: run.id, savedAt: new Date().toISOString(), byteSize: jsonSize(run), run };
  await putWithQuota(context, where, envelope.byteSize, () => context.db.put('runs', envelope));
  return { id: envelope.id, savedAt: envelope.savedAt, byteSize: envelope.byteSize };
}

export async function loadRun(db: IDBPDatabase<LabDB>, id: string): Promise<RunRecord> {
  const envelope = await db.get('runs', id);
  if (!envelope) throw new StoredItemNotFoundError(`No run with id "${id}" is stored.`, { kind: 'run', id });
  return envelope.run as RunRecord;
}

/** Every run record, most recently saved first. */
export async function listRuns(db: IDBPDatabase<LabDB>): Promise<RunRecord[]> {
  const envelopes = await db.getAllFromIndex('runs', 'bySavedAt');
  return envelopes.reverse().map((envelope) => envelope.run as RunRecord);
}

export async function deleteRun(db: IDBPDatabase<LabDB>, id: string): Promise<void> {
  if (!(await db.getKey('runs', id))) throw new StoredItemNotFoundError(`No run with id "${id}" is stored.`, { kind: 'run', id });
  await db.delete('runs', id);
}
