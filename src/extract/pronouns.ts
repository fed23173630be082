/**
 * Which recent speaker a pronoun stands for. A pronoun with a gender ("she", "he") skips back over speakers
 * known to be of the other gender and stops at the first one of its own gender or of unknown gender; when every
 * recent speaker is of the other gender it stands for no one. A speaker's gender is known from an honorific
 * written in their name ("Mrs. Moore"), else from a given name compromise knows as one gender only (names such
 * as "Lindsey" in unisex_names say nothing), else from the honorific the text gives their surname ("Ms. Moore"),
 * when the text gives it only one.
 */
import { firstNameGender } from './tagger.js';
import { memo } from '../memo.js';
import { escapeRegex, type Lexicon, type RuleSet } from '../rules/load.js';

export type Gender = 'female' | 'male';

/** What a pronoun resolver needs of a speaker: the full name and every form the text uses. */
export interface NamedSpeaker { name: string; names: Set<string> }

export class PronounResolver {
  private readonly pronouns: Lexicon;
  private readonly honorifics: Lexicon;
  private readonly unisex: Lexicon;
  private readonly cache = new Map<string, Gender | null>();
  /** "Mr. Clinton", "Mrs. Clinton": the pattern of an honorific before a surname, kept by surname (matchAll copies it). */
  private readonly honorificBefore = memo(surname => new RegExp(`(?<![\\p{L}])(${this.honorifics.alternation(true)})[ \\u00a0]+${escapeRegex(surname)}(?![\\p{L}])`, 'gu'), 2_000);
  private text = '';

  constructor(rules: RuleSet) {
    this.pronouns = rules.lex('speaker_pronouns');
    this.honorifics = rules.lex('gendered_honorifics');
    this.unisex = rules.lex('unisex_names');
  }

  /** Start a new document. */
  reset(text: string): void {
    this.text = text;
    this.cache.clear();
  }

  /** The speaker a pronoun stands for among `recent` (speaker indices, the most recent last), or -1. */
  resolve(pronoun: string, recent: number[], speakers: NamedSpeaker[]): number {
    const want = this.pronouns.get(pronoun);
    if (want !== 'female' && want !== 'male') return recent[recent.length - 1] ?? -1;
    for (let k = recent.length - 1; k >= 0; k--) {
      const g = this.genderOf(speakers[recent[k]!]!);
      if (g === null || g === want) return recent[k]!;
    }
    return -1;
  }

  genderOf(sp: NamedSpeaker): Gender | null {
    let g = this.cache.get(sp.name);
    if (g === undefined) {
      g = this.fromHonorific([...sp.names]) ?? this.fromGivenName(sp.name) ?? this.fromText(sp.name);
      this.cache.set(sp.name, g);
    }
    return g;
  }

  private asGender(v: unknown): Gender | null {
    return v === 'female' || v === 'male' ? v : null;
  }

  private fromHonorific(names: string[]): Gender | null {
    const found = new Set(names.map(n => this.asGender(this.honorifics.get(n.split(/\s+/u)[0] ?? ''))).filter(g => g !== null));
    return found.size === 1 ? [...found][0]! : null;
  }

  private fromGivenName(name: string): Gender | null {
    const t = name.split(/\s+/u).filter(w => !this.honorifics.has(w));
    if (t.length < 2 || this.unisex.has(t[0]!)) return null;
    return firstNameGender(t[0]!);
  }

  /** "Mrs. Clinton" and "Mr. Clinton" in one text (two people) say nothing. */
  private fromText(name: string): Gender | null {
    const surname = name.split(/\s+/u).pop();
    if (!surname) return null;
    const re = this.honorificBefore(surname);
    const found = new Set<Gender>();
    for (const m of this.text.matchAll(re)) { const g = this.asGender(this.honorifics.get(m[1]!)); if (g) found.add(g); }
    return found.size === 1 ? [...found][0]! : null;
  }
}
