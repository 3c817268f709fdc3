/** The forms of a phrase by plural category; `other` is the one every language has. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & {other: string};

/** A picker of the phrase for a count, by the language's own plural rules (Arabic has six forms, German two). */
export function plural(lang: string): (count: number, forms: PluralForms) => string {
  const rules = new Intl.PluralRules(lang);
  return (count, forms) => forms[rules.select(count)] ?? forms.other;
}
