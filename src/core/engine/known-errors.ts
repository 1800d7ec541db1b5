// Loads every module that defines errors the engine can throw, so each one is registered on both
// sides of the worker boundary (the page imports this through error-transfer.ts).
// Add a line here for each new module of LabError classes that engine methods may throw.
import '../backend/errors';
import './errors';
