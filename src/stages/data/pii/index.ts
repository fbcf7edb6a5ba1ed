/**
 * PII in tables: detectors (email, phone, cards with Luhn, IBAN with mod-97, SSN, IPv4/6, API keys and
 * tokens), a one-scan DuckDB + JS scan that reports counts and masked samples, and a masked copy.
 */
export { detectors } from './detectors/index.js';
export { findPii, maskSample, maskText, prefilterPattern } from './find.js';
export { copyFormat, type MaskOptions, type MaskResult, writeMasked } from './mask.js';
export {
  type PiiCount,
  type PiiFinding,
  type PiiReport,
  type PiiSample,
  type PiiScanOptions,
  scanPii,
} from './scan.js';
export { type Detector, isPiiKind, type PiiKind, type PiiMatch, piiKinds, placeholder } from './types.js';
