/** The stage registry, typed by kind: a kind without an implementation fails to compile. */
import type { StageKind } from '../run/events.js';
import { apiStage } from './api/index.js';
import { chaosStage } from './chaos/index.js';
import { dataStage } from './data/index.js';
import { evalStage } from './eval/index.js';
import { loadStage } from './load/index.js';
import { smokeStage } from './smoke/index.js';
import type { Stage } from './types.js';

export const stages = {
  smoke: smokeStage,
  load: loadStage,
  eval: evalStage,
  data: dataStage,
  api: apiStage,
  chaos: chaosStage,
} satisfies { [K in StageKind]: Stage<K> };
