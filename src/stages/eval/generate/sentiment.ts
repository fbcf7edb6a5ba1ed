/** Lexicon-based sentiment (AFINN-165 via the `sentiment` package): deterministic, no model, no network. */
import Sentiment from 'sentiment';

const analyser = new Sentiment();

/** The AFINN score per word (`comparative`): negative to positive, 0 for neutral or empty text. */
export function sentimentScore(text: string): number {
  const c = analyser.analyze(text).comparative;
  return Number.isFinite(c) ? c : 0;
}
