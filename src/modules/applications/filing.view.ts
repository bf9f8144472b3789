import type { Principal } from '../../platform/http';
import type { Translate } from '../../platform/i18n';
import type { ApplicationEventRow, ApplicationRow } from './applications.repository';

/**
 * Who did a step of the timeline, as the viewer should read it: "you", the person it is for, the
 * parent, the organisation that filed it, staff or Vartai. Account ids are never shown.
 */
export function actorText(
  e: Pick<ApplicationEventRow, 'actor_kind' | 'actor_id'>,
  row: ApplicationRow,
  viewer: Principal,
  t: Translate,
  organisation?: string,
): string {
  if (e.actor_kind === 'system') return t('applications.actor.system');
  if (e.actor_kind === 'staff') return t('applications.actor.staff');
  if (e.actor_kind === 'partner') return t('applications.actor.partner');
  if ('accountId' in viewer && e.actor_id === viewer.accountId) return t('applications.actor.you');
  if (e.actor_id && e.actor_id === row.owner_account_id)
    return t('applications.actor.person', { name: row.for_person_name ?? '' });
  if (row.filed_by_kind === 'parent') return t('applications.actor.parent');
  if (row.filed_by_organisation_id)
    return t('applications.actor.organisation', { organisation: organisation ?? '' });
  return t('applications.actor.other');
}
