export type Lang = 'ru' | 'en';
/** key → the text in each language; `{name}` placeholders are filled from parameters. */
export type Catalog = Record<string, { ru: string; en: string }>;

export function parseLang(value: string | undefined): Lang | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase().slice(0, 2);
  return v === 'en' ? 'en' : v === 'ru' ? 'ru' : undefined;
}
