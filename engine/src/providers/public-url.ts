/** The API's public base URL: CAIRN_PUBLIC_URL, else http://localhost:PORT. Links and callback URLs start with it. */
export function publicUrlOf(env: { CAIRN_PUBLIC_URL?: string | undefined; PORT?: number | undefined }): string {
  return (env.CAIRN_PUBLIC_URL || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, '');
}
