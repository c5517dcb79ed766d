import type { AdminReference, AdminStatus } from '../../protocol/admin.js';
import type { MentionState } from '../../protocol/types.js';
import type { ReferenceListParameters } from '../api/admin-client.js';
import type { Localizer } from '../messages/localizer.js';
import type { ReferenceFilter } from '../routes.js';
import type { ListSection, PageLoader } from './list-controller.js';

/** A section of the References screen: what it asks the API for. */
export interface ReferenceSection extends ListSection<AdminReference> {
  parameters: ReferenceListParameters;
}

/** The verified references of one status: a moderator's decision moves one out. */
function ofStatus(status: AdminStatus): ReferenceSection {
  return {
    key: status,
    parameters: { status, state: 'verified' },
    keeps: (reference) => reference.state === 'verified' && reference.status === status,
  };
}

function ofState(state: MentionState, heading: string): ReferenceSection {
  return { key: state, heading, parameters: { state }, keeps: (reference) => reference.state === state };
}

/** The sections each filter shows: one per status; the mentions not verified by their state. */
export function referenceSectionsOf(filter: ReferenceFilter, l: Localizer): ReferenceSection[] {
  if (filter !== 'unverified') return [ofStatus(filter)];
  return [
    ofState('queued', l.t('sectionQueued')),
    ofState('refused', l.t('sectionRefused')),
    ofState('removed', l.t('sectionRemoved')),
  ];
}

/** A page of a section of references. */
export const loadReferencePage: PageLoader<AdminReference, ReferenceSection> = async (
  client,
  section,
  before,
) => {
  const page = await client.references({ ...section.parameters, ...(before && { before }) });
  return { items: page.references, next: page.next, counts: page.counts };
};
