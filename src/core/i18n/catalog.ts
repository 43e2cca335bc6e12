export type Lang = 'ru' | 'en';
/** key → the text in each language; `{name}` placeholders are filled from parameters. */
export type Catalog = Record<string, { ru: string; en: string }>;
