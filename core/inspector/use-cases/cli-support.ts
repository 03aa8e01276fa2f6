// What the shells (cli/, serve) take from core beside the use cases, re-exported here so that
// they depend on core/contract and core/inspector only (the layering rule for cli/).

/** The base of every typed error (a stable code and a context); serve's refusals are built on it. */
export { CodedError } from '../../errors/coded-error.js';
