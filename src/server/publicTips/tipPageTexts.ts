// The Danish texts of the public tip page (tipPage.ts), rendered by the server for people with no
// account, so they live here rather than in the app's i18n. Plain text only: inserted as they are.

/** Every text the public tip page shows. */
export const TIP_PAGE_TEXTS = {
  pageTitleSuffix: ' – Superbruger',
  notFoundTitle: 'Tippet findes ikke',
  notFound: 'Der er ikke noget offentligt tip med denne kode. Koden kan være skrevet forkert, eller tippet er ikke længere offentligt. Spørg en superbruger i din afdeling.',
  limitedTitle: 'For mange opslag',
  limited: 'Der er slået mange tips op herfra på kort tid. Vent lidt, og prøv igen.',
  tags: 'Emneord',
  code: 'Kode',
  superuser: 'Er du superbruger? Åbn tippet i appen',
  photosTitle: 'Billeder',
  photoAlt: 'Billede {n} af {count}',
  photoNotYet: 'Billedet er ikke lagt op endnu',
  photoMissing: 'Billedet findes ikke',
} as const
