// The original Module 15 course folder (test/fixtures/aero-module15, Apache-2.0) as text in the web journeys'
// bundle: a web worker has no fs to read the fixture with, so the web tests build imports .md files as their text.
import index from '../../fixtures/aero-module15/index.md';
import l01 from '../../fixtures/aero-module15/aero_llm_01_what_is_mech_interp_mechanistic_interpretability_.md';
import l02 from '../../fixtures/aero-module15/aero_llm_02_how_does_mech_interp_relate_to_ai_safety.md';
import l03 from '../../fixtures/aero-module15/aero_llm_03_concepts_and_terms_in_mech_interp.md';
import l04 from '../../fixtures/aero-module15/aero_llm_04_theoretical_and_empirical_approaches_in_research_and_teaching.md';
import l05 from '../../fixtures/aero-module15/aero_llm_05_general_criticisms_of_mechanistic_interpretability.md';

/** File name → text, as in the fixture folder. */
export const AERO_MODULE15: Record<string, string> = {
  'index.md': index,
  'aero_llm_01_what_is_mech_interp_mechanistic_interpretability_.md': l01,
  'aero_llm_02_how_does_mech_interp_relate_to_ai_safety.md': l02,
  'aero_llm_03_concepts_and_terms_in_mech_interp.md': l03,
  'aero_llm_04_theoretical_and_empirical_approaches_in_research_and_teaching.md': l04,
  'aero_llm_05_general_criticisms_of_mechanistic_interpretability.md': l05,
};
