// Property tests run from one seed per run: a fixed one by default, so a red CI is reproducible and never
// a roll of the dice; FC_SEED explores others (npm run soak, or by hand).
import fc from 'fast-check'

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261125) })
