/** Workflow bundle entry for tests with fixture custom actions: registers them, then the journey workflow. */
import './custom-actions.js';

export { journeyWorkflow } from '../../../engine/src/workflow/index.js';
