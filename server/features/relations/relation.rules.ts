import type { EntryKind } from '../../contract/entry';
import { RELATION_KINDS, type RelationType } from '../../contract/relation';

// Which kinds a relation may link, checked as data: a place is `member_of` a network, not of a resource.

export const RelationReason = {
  sameEntry: 'same-entry',
  wrongFromKind: 'wrong-from-kind',
  wrongToKind: 'wrong-to-kind',
} as const;
export type RelationReason = (typeof RelationReason)[keyof typeof RelationReason];

export type RelationCheck =
  | { valid: true }
  | { valid: false; reason: RelationReason; path: string; message: string };

export function checkRelation(
  type: RelationType,
  from: { id: string; kind: EntryKind },
  to: { id: string; kind: EntryKind },
): RelationCheck {
  if (from.id === to.id) {
    return {
      valid: false,
      reason: RelationReason.sameEntry,
      path: '/to',
      message: 'an entry cannot be linked to itself',
    };
  }
  const allowed = RELATION_KINDS[type];
  if (!allowed.from.includes(from.kind)) {
    return {
      valid: false,
      reason: RelationReason.wrongFromKind,
      path: '/from',
      message: `a ${from.kind} cannot be the source of ${type} (only ${allowed.from.join(' or ')})`,
    };
  }
  if (!allowed.to.includes(to.kind)) {
    return {
      valid: false,
      reason: RelationReason.wrongToKind,
      path: '/to',
      message: `${type} must point at a ${allowed.to.join(' or ')}, not a ${to.kind}`,
    };
  }
  return { valid: true };
}
