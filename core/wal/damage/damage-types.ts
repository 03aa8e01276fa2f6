// The shapes are the contract's: the analysis goes to every front end unchanged.
export type {
  DamageAnalysis, DamageCause, DamageCauseKind, DamageEstimate, DamageImpact, DamageIncident, NeighbourEntry, UnverifiedFields,
} from '../../contract/contract-damage.js';
