/**
 * Words synthetic prompts are made of. Each one, after a space, is exactly one token in the tokenizers of
 * GPT-4 (cl100k), GPT-4o (o200k), Llama 2, Llama 3 and Mistral (checked with gpt-tokenizer,
 * llama-tokenizer-js, llama3-tokenizer-js and mistral-tokenizer-js), and none merge across the space, so a
 * prompt of N words is N tokens, give or take the chat template. Add a word only after checking it.
 */

// These are one token even with no space before them, so a prompt may start with one.
const STARTERS = `
the of and to in is you that it he was for on are as with his they at be this have from or one had
by word but not what all we when your can there use an each which she do how if will up other about
out many then so some her make like him into time has look two more write go see number no way could
people my than first water call who its now find long down day did get come made may part over new
sound take only work know place year live me back most very after thing our just name good man say
where help through before line right mean old any same boy follow show also around form three small
set put end does well large must big even such because turn here why ask men read need land home us
move try kind hand picture change off play air away house point page letter answer found learn
should world high every add between own country plant last school father keep tree start city light
head under story left while close something next hard open example begin life always both paper got
group run important until children side car mile night walk white river four state once book stop
without second miss idea face watch far let cut list family
`;

// One token only after a space (Llama 2 splits "would" at the start of a text, not " would").
const INNER = `
were said their them these would been little give think great much too tell came want another went
different again animal mother study still near food below never earth eye thought saw few along
might seem those together often feet sea began grow took carry hear later enough eat really almost
above girl sometimes mountain young talk soon song being leave
`;

/** Words a synthetic prompt may start with. */
export const syntheticStarters: readonly string[] = STARTERS.trim().split(/\s+/);

/** Every word of synthetic prompts (the starters included). */
export const syntheticWords: readonly string[] = [...syntheticStarters, ...INNER.trim().split(/\s+/)];
