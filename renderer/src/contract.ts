/**
 * The renderer's one door to the contract module: its types and its runtime constants.
 * Nothing in renderer/ imports core/ except through this file (and the bridge).
 */
export * from '../../core/contract/contract.js';
