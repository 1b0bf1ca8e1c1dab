import { Table } from './table';

/** The entity tables and their editable fields (the same keys as the contract's `XFields`). */
export const tables = {
  unit: new Table({ table: 'units', entity: 'unit', fields: ['name', 'kind', 'parentId', 'note'] }),
  person: new Table({
    table: 'people',
    entity: 'person',
    fields: ['name', 'unitId', 'politicalStatus', 'category', 'position', 'phone', 'note'],
  }),
  campaign: new Table({
    table: 'campaigns',
    entity: 'campaign',
    fields: ['name', 'year', 'committeeId', 'startDate', 'endDate', 'note'],
  }),
  topic: new Table({
    table: 'topics',
    entity: 'topic',
    fields: [
      'campaignId', 'code', 'title', 'source', 'parentTopicId', 'committeeId', 'leadDepartmentId', 'branchId', 'leaderId',
      'assignment', 'goal', 'status', 'issuedDate', 'claimedDate', 'startDate', 'endDate', 'closedDate', 'note',
    ],
  }),
  subtopic: new Table({
    table: 'subtopics',
    entity: 'subtopic',
    fields: [
      'topicId', 'seq', 'code', 'title', 'measures', 'deadline', 'deadlineText', 'originalDeadline', 'originalDeadlineText',
      'extensionReason', 'status', 'returnReason', 'supervised', 'supervisionNote', 'progress', 'closedDate', 'closeOpinion',
      'closedBy', 'note',
    ],
    bool: ['supervised'],
  }),
  progress: new Table({
    table: 'progress_entries',
    entity: 'progress',
    fields: ['topicId', 'subtopicId', 'entryDate', 'kind', 'content', 'problems', 'nextSteps', 'reporterId', 'reporterName'],
  }),
  indicator: new Table({
    table: 'indicators',
    entity: 'indicator',
    fields: ['topicId', 'seq', 'name', 'unit', 'baseline', 'target', 'actual', 'asOf', 'higherIsBetter', 'note'],
    bool: ['higherIsBetter'],
  }),
  checklist: new Table({
    table: 'checklist_items',
    entity: 'checklist',
    fields: ['topicId', 'seq', 'item', 'area', 'ownerId', 'ownerName', 'plannedDate', 'doneDate', 'closed', 'note'],
    bool: ['closed'],
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
