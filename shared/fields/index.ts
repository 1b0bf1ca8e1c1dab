/*
 * One description per entity (see describe.ts for what a description says and
 * the README's "How to add a field").
 */
export * from './describe';
export { TOPIC } from './topic';
export { SUBTOPIC } from './subtopic';
export { PERSON } from './person';
export { INDICATOR, INDICATOR_FIGURES, figuresLeftByUnitChange, higherIsBetterByName } from './indicator';
export { CHECKLIST } from './checklist';
export { PROGRESS } from './progress';
export * from './sheets';
export * from './form';
