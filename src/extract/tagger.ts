/**
 * compromise, on short strings only: single capitalised words and candidate names, never a whole text (a full
 * parse runs at about 0.2 MB/s). Every answer is cached by its string.
 */
import nlp from 'compromise';
import { memo } from '../memo.js';

/** Is this word a first name compromise knows ("Donald", "Karen")? */
export const isFirstName = memo(w => nlp(w).has('#FirstName'));

/** The gender compromise gives a first name ("Karen" female, "Donald" male), or null when it gives none. */
export const firstNameGender = memo((w): 'female' | 'male' | null => {
  const d = nlp(w);
  const f = d.has('#FemaleName'), m = d.has('#MaleName');
  return f === m ? null : f ? 'female' : 'male';
});

/** Is this word, in lower case, an English word other than a name ("Annual", "Grand", "Meeting")? */
export const isEnglishWord = memo(w => {
  const d = nlp(w.toLowerCase());
  return d.has('#Adjective') || d.has('#Verb') || d.has('#Plural') || d.has('#Adverb') || d.has('#Preposition') || d.has('#Determiner');
});

/** Can this word, in lower case, be only a verb or a plural, never an adjective ("Dries", "Vitas"; not "Civic")? */
export const isVerbOrPluralOnly = memo(w => {
  const d = nlp(w.toLowerCase());
  return (d.has('#Verb') || d.has('#Plural')) && !d.has('#Adjective');
});

/**
 * Is this word, in lower case, a verb compromise has in its lexicon ("Calls", "Rip", "Says" in a headline)? Guessed
 * verbs ("Amelize") and words it reads as nouns or adjectives ("Trump", "Grey") are not.
 */
export const isKnownVerb = memo(w => {
  const lw = w.toLowerCase();
  const lexicon = (nlp.model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon;
  if (!(lw in lexicon) && !(lw.replace(/e?s$/u, '') in lexicon)) return false;
  return nlp(lw).has('#Verb');
});

/** Is this capitalised word an adjective rather than a name ("Presidential", "Black")? */
export const isAdjective = memo(w => { const d = nlp(w); return d.has('#Adjective') && !d.has('#Person'); });

/** compromise's reading of a candidate name on its own: person, place, organization, or ''. */
export const nameType = memo(s => {
  const d = nlp(s);
  if (d.has('#Person') && d.has('#FirstName')) return 'person';
  if (d.has('#Organization')) return 'organization';
  if (d.has('#Place') || d.has('#Country') || d.has('#City')) return 'place';
  return d.has('#Person') ? 'person' : '';
});
