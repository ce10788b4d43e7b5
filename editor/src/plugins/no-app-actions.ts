/**
 * Stands in for `@cairn/app-actions` when CAIRN_ACTIONS is not set at build time. With it set,
 * vite.config.ts points `@cairn/app-actions` at that module, whose `registerAction` calls then
 * run before the app starts, so the palette and inspector offer those actions too.
 */
export {};
