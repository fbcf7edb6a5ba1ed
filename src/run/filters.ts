/** The run's selection: `--stage`, `--tag` and `--priority`, applied to stages and inherited by checks. */
import { priorities } from '../config/primitives.js';
import type { Priority, StageKind } from './events.js';

export interface RunFilters {
  /** Stage kinds or names to run; empty = all. */
  stages?: string[];
  /** Run what carries at least one of these tags; empty = all. */
  tags?: string[];
  /** Run what is at least this important: `P1` runs P0 and P1. */
  priority?: Priority;
}

export interface Labels {
  priority?: Priority;
  tags?: readonly string[];
}

const rank = (p: Priority) => priorities.indexOf(p);

/** True when something with these labels (its own merged with its stage's) is selected. */
export function isSelected(filters: RunFilters, own: Labels, inherited: Labels = {}): boolean {
  const priority = own.priority ?? inherited.priority ?? 'P2';
  if (filters.priority && rank(priority) > rank(filters.priority)) return false;
  if (filters.tags && filters.tags.length > 0) {
    const tags = new Set([...(inherited.tags ?? []), ...(own.tags ?? [])]);
    if (!filters.tags.some((t) => tags.has(t))) return false;
  }
  return true;
}

/** True when a stage is picked by `--stage` (by kind or by name). */
export function stagePicked(filters: RunFilters, stage: { kind: StageKind; name: string }): boolean {
  return (
    !filters.stages?.length || filters.stages.includes(stage.kind) || filters.stages.includes(stage.name)
  );
}

/** True when any filter narrows the run (gates without data are then skipped, not failed). */
export function isFiltered(filters: RunFilters): boolean {
  return Boolean(filters.stages?.length || filters.tags?.length || filters.priority);
}
