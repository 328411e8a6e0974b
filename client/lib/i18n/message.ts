/** A message: plain text, or one text per plural category (`zero` is used for an explicit 0). */
export type Message = string | PluralMessage;

export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}
