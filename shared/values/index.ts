/*
 * One parser per kind of value, shared by the import (electron/core/import)
 * and every form in the renderer, so a value typed in a form and the same
 * value read from a legacy sheet mean the same thing.
 */
export * from './dates';
export * from './people';
export * from './periods';
export * from './quantity';
export * from './score';
export * from './text';
export * from './clipboard';
