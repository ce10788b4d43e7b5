/**
 * Workflow entry for the worker's bundler (workflowsPath): every workflow type the worker runs.
 * Workflow-safe code only: @temporalio/workflow, the compiler and driver, type-only activities.
 */
export { journeyWorkflow } from './journey-workflow.js';
export { broadcastWorkflow } from './broadcast-workflow.js';
