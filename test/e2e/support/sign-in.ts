/** Signs in through the editor's own form, as a marketer does. */
import type { Page } from 'playwright-core';
import { ADMIN } from '../../api/support/stack.js';

export async function signInThroughForm(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.getByTestId('sign-in').waitFor();
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in').waitFor({ state: 'detached' });
}
