/**
 * The consent topics the templates' messages use. A customer's consent and caps are kept per
 * topic and channel, so the names must stay stable: the preferences page lists these.
 */
export const TEMPLATE_TOPICS = {
  promotions: 'Offers, discount codes and sales.',
  product_news: 'New products, brand stories and useful content.',
  onboarding: 'Getting started: guides and setup help.',
  feedback: 'Surveys and review requests.',
  customer_care: 'Personal care after a purchase: thank-yous, check-ins, support follow-up.',
  loyalty: 'Member perks, gifts and tier news.',
  events: 'Invitations to events.',
  transactional: 'Confirmations of something the customer did (exempt from caps, never from suppression).',
} as const;

export type TemplateTopic = keyof typeof TEMPLATE_TOPICS;
