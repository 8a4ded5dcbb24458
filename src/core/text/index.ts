export { detectMojibake, repairMojibake, repairStats } from './mojibake';
export type {
  MojibakeDetection,
  MojibakeEvidence,
  MojibakeRepair,
  RepairOptions,
  RepairedSpot,
  UnresolvedSpot,
} from './mojibake';
export { bytesToBase64 } from './base64';
export { damageAsCodePage, CODE_PAGES } from './codePages';
export type { CodePage, DamageOptions } from './codePages';
export { isVietnameseSyllable } from './vietnameseSyllable';
export {
  ViFrequencies,
  countVietnamese,
  syllableKey,
  shippedViFrequencies,
  shippedViFrequencySources,
} from './viFrequencies';
export type { ViCounts, ViFrequencyData } from './viFrequencies';
