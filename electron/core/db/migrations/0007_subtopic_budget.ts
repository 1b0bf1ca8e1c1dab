/**
 * 预算（万元） on sub-topics: the field is described in shared/fields/subtopic.ts
 * (form, workbook, import and print read it from there); this adds its column.
 * Empty (NULL) for every sub-topic a ledger already holds.
 */
export const id = '0007_subtopic_budget';

export const sql = /* sql */ `
ALTER TABLE subtopics ADD COLUMN budget REAL;
`;
