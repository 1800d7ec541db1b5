// Loads every module that defines errors the engine can throw, so each one is registered on both
// sides of the worker boundary (engine-client.ts on the page, engine.worker.ts in the worker).
// Add a line here for each new module of LabError classes that engine methods may throw.
// Only modules free of tfjs belong here: the page thread never loads tfjs. Errors defined next to
// tfjs code (model, training) still cross as a LabError carrying their name and details.
import '../storage/errors';
import '../core/backend/errors';
import '../core/checkpoint/errors';
import '../core/dasa/errors';
import '../core/data/generator/config';
import '../core/data/import/errors';
import '../core/data/jsonl';
import '../core/io/errors';
import '../core/metrics/errors';
import '../core/ood/errors';
import '../core/parallel/errors';
import '../core/pipeline/errors';
import '../core/projection/errors';
import '../core/tokenizer/errors';
import '../core/training/loop/errors';
import '../core/job/errors';
import './errors';
