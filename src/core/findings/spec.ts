/** What the registry says about one finding code (see index.ts). */
export type Severity = 'error' | 'warning';

export interface Texts {
  readonly ru: string;
  readonly en: string;
}

export interface FindingSpec {
  /**
   * The severity the code is produced with; `either` where the producer decides by a flag or a
   * setting (`--any-campaign`, the workspace's over-students severity, a repeated item that is or is
   * not the only way to tell it apart).
   */
  readonly severity: Severity | 'either';
  /** a few words naming the problem, for lists (`uchebnik codes`, docs/findings.md) and the JSON report */
  readonly title: Texts;
  /**
   * The message template: `{name}` placeholders are the finding's params. A param named `*_kopecks`
   * is an amount in kopecks and is shown as money in the reader's language (src/core/i18n/index.ts).
   */
  readonly message: Texts;
}

export type FindingSpecs = Readonly<Record<string, FindingSpec>>;
