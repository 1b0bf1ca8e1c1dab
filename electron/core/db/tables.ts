import { CHECKLIST, INDICATOR, PERSON, PROGRESS, SUBTOPIC, TOPIC, boolKeys, storedKeys } from '../../../shared/fields';
import { Table } from './table';

/**
 * The entity tables and their stored fields (the same keys as the contract's
 * `XFields`; the column is the snake_case key). The described entities take
 * theirs from shared/fields, plus the fields only their own actions set.
 */
export const tables = {
  unit: new Table({ table: 'units', entity: 'unit', fields: ['name', 'kind', 'parentId', 'note'] }),
  person: new Table({
    table: 'people',
    entity: 'person',
    fields: storedKeys(PERSON),
  }),
  campaign: new Table({
    table: 'campaigns',
    entity: 'campaign',
    fields: ['name', 'year', 'committeeId', 'startDate', 'endDate', 'note'],
  }),
  topic: new Table({
    table: 'topics',
    entity: 'topic',
    fields: storedKeys(TOPIC),
  }),
  subtopic: new Table({
    table: 'subtopics',
    entity: 'subtopic',
    // Set by 延期, 退回整改, 督办 and 销号 (services/subtopics.ts), not by an edit.
    fields: [
      ...storedKeys(SUBTOPIC), 'originalDeadline', 'originalDeadlineText', 'extensionReason', 'returnReason', 'supervised', 'supervisionNote',
      'closedDate', 'closeOpinion', 'closedBy',
    ],
    bool: ['supervised'],
  }),
  progress: new Table({
    table: 'progress_entries',
    entity: 'progress',
    fields: storedKeys(PROGRESS),
  }),
  indicator: new Table({
    table: 'indicators',
    entity: 'indicator',
    fields: storedKeys(INDICATOR),
    bool: boolKeys(INDICATOR),
  }),
  checklist: new Table({
    table: 'checklist_items',
    entity: 'checklist',
    fields: storedKeys(CHECKLIST),
    bool: boolKeys(CHECKLIST),
  }),
  closure: new Table({
    table: 'closures',
    entity: 'closure',
    fields: [
      'topicId', 'workDone', 'results', 'institutional', 'experience', 'problems', 'nextPlans', 'submittedDate', 'outcome',
      'extendedUntil', 'outcomeNote',
    ],
  }),
  review: new Table({
    table: 'reviews',
    entity: 'review',
    fields: ['topicId', 'reviewers', 'scores', 'total', 'grade', 'opinion', 'reviewDate'],
    json: ['reviewers', 'scores'],
  }),
  commendation: new Table({
    table: 'commendations',
    entity: 'commendation',
    fields: ['campaignId', 'topicId', 'unitId', 'award', 'awardedDate', 'note'],
  }),
  evidence: new Table({
    table: 'evidence',
    entity: 'evidence',
    fields: ['ownerType', 'ownerId', 'fileName', 'mime', 'size', 'sha256', 'note'],
  }),
} as const;
