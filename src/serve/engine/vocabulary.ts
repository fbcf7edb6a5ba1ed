/**
 * Words the simulated engine writes with, roughly most common first: low temperatures draw from the
 * head of the list, high temperatures reach into the tail, which is how sampling feels in a real model.
 */
const WORDS = `
the model system data request answer and of to is a in that it for on with as this be we can will each
result value test time server token user query response first next simple small large clear quick steady
careful useful stable new old good better best always often rarely then now here there when where because
while before after between through under over about around within without runs returns sends reads writes
checks measures learns builds keeps moves holds shows finds makes takes gives uses needs knows follows
river mountain garden window library market signal bridge harbor forest engine pattern number letter
promise journey question method example record summary detail reason balance measure limit horizon layer
batch quiet bright distant gentle honest patient curious ancient modern narrow silver golden hidden open
plain certain likely several many few latency throughput gradient vector matrix kernel cluster replica
shard queue buffer stream packet cache schema budget verdict gauntlet canary
`;

/** The vocabulary, most common first. */
export const vocabulary: readonly string[] = WORDS.trim().split(/\s+/);
