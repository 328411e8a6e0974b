import type { Selectable } from 'kysely';
import type { ContributorsTable } from '../../../db/database';
import type { Account } from '../../contract/account';

export type AccountRow = Pick<
  Selectable<ContributorsTable>,
  'id' | 'display_name' | 'role' | 'login' | 'email' | 'workshop_id' | 'created_at' | 'last_seen_at'
>;

export const ACCOUNT_COLUMNS = [
  'id',
  'display_name',
  'role',
  'login',
  'email',
  'workshop_id',
  'created_at',
  'last_seen_at',
] as const;

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    displayName: row.display_name,
    role: row.role,
    login: row.login,
    email: row.email,
    workshopId: row.workshop_id,
    createdAt: new Date(row.created_at).toISOString(),
    lastSeenAt: row.last_seen_at ? new Date(row.last_seen_at).toISOString() : null,
  };
}
