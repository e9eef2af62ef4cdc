/**
 * Library entry point of the `clmd` package (`import { wilsonInterval } from 'clmd'`).
 *
 * @module
 */

export * from './modules/analysis/statistics/index.ts';
