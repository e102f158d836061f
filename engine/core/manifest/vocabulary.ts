// Enumerations other modules need as values, read from the schema so they are defined once.

import type { UseCase } from '../../schema/usecase.gen.ts';
import schema from '../../schema/usecase.schema.json' with { type: 'json' };

export type Stage = UseCase['spec']['lifecycle']['stage'];
export type Pattern = UseCase['spec']['classification']['pattern'];
export type Tier = UseCase['spec']['classification']['riskTier'];

/** Lifecycle stages in order. */
export const STAGES = schema.$defs.Stage.enum as readonly Stage[];
export const PATTERNS = schema.$defs.Classification.properties.pattern.enum as readonly Pattern[];
export const RISK_TIERS = schema.$defs.RiskTier.enum as readonly Tier[];

/** Risk tiers in order, with the prohibited class above the highest a use case can declare. */
export const TIER_ORDER = [...RISK_TIERS, 'prohibited'] as const;
