/**
 * @cairn/templates — the template gallery: lifecycle playbook journeys as data, each validated
 * and simulated by its tests. Browser-safe.
 */
export { Template, TemplateLocale, ExpectedEvent, ExpectedAttribute, defineTemplate } from './define.js';
export type { TemplateSpec } from './define.js';
export { TemplateParameter, ParamType, param, paramsSchema, defaultParams } from './params.js';
export type { Param, ParamValues } from './params.js';
export { instantiateTemplate, resolveParams, formatProblems } from './instantiate.js';
export type { InstantiateResult, InstantiateOptions } from './instantiate.js';
export { listTemplates, getTemplate, searchTemplates } from './gallery.js';
export type { TemplateSummary, TemplateDetail } from './gallery.js';
export { library } from './library/index.js';
export { TEMPLATE_TOPICS } from './topics.js';
export type { TemplateTopic } from './topics.js';
