/** The application's custom actions module (see vite.config.ts and no-app-actions.ts). */
declare module '@cairn/app-actions';
