// Loads every module that defines errors the engine can throw, so each one is registered on both
// sides of the worker boundary (the page imports this through error-transfer.ts).
// Add a line here for each new module of LabError classes that engine methods may throw.
// Only modules free of tfjs belong here: the page thread never loads tfjs. Errors defined next to
// tfjs code (model, training) still cross as a LabError carrying their name and details.
import '../../storage/errors';
import '../backend/errors';
import '../checkpoint/errors';
import '../dasa/errors';
import '../data/generator/config';
import '../data/import/errors';
import '../data/jsonl';
import '../io/errors';
import '../metrics/errors';
import '../ood/errors';
import '../pipeline/errors';
import '../projection/errors';
import '../tokenizer/errors';
import '../trainer/errors';
import './errors';
