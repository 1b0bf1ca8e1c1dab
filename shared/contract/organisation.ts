import { z } from 'zod';
import { Campaign, CampaignFields, Person, PersonFields, Unit, UnitFields } from '../domain/schemas';
import { UNIT_KINDS } from '../domain/enums';
import { patchOf } from '../domain/patch';
import { Id } from '../domain/primitives';
import type { ContractGroup } from './types';

export const ByIdInput = z.object({ id: Id });
export const Deleted = z.object({ id: Id, deleted: z.literal(true) });

export const organisationContract = {
  'unit.create': { input: UnitFields, output: Unit },
  'unit.update': { input: patchOf(UnitFields), output: Unit },
  'unit.delete': { input: ByIdInput, output: Deleted },
  'unit.list': { input: z.object({ kind: z.enum(UNIT_KINDS).optional() }).default({}), output: z.array(Unit) },

  'person.create': { input: PersonFields, output: Person },
  'person.update': { input: patchOf(PersonFields), output: Person },
  'person.delete': { input: ByIdInput, output: Deleted },
  /**
   * The roster, or a search of it: `q` matches names, `ids` fetches given
   * people (the chosen 责任人 of a form), `limit` keeps the first ones. A form
   * searches as the clerk types instead of holding 2,000 people per field.
   */
  'person.list': {
    input: z
      .object({ unitId: Id.optional(), q: z.string().trim().max(50).optional(), ids: z.array(Id).max(500).optional(), limit: z.number().int().min(1).max(10_000).optional() })
      .default({}),
    output: z.array(Person),
  },

  'campaign.create': { input: CampaignFields, output: Campaign },
  'campaign.update': { input: patchOf(CampaignFields), output: Campaign },
  'campaign.delete': { input: ByIdInput, output: Deleted },
  'campaign.list': { input: z.object({}).default({}), output: z.array(Campaign) },
} satisfies ContractGroup;
