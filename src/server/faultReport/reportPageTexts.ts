// The Danish texts of the colleague's fault-report page (reportPage.ts). The page is rendered by
// the server for people with no account, so its texts live here rather than in the app's i18n.
// Plain text only: the renderer inserts them as they are (no user input is ever among them).

/** Every text the fault-report page shows. */
export const REPORT_PAGE_TEXTS = {
  pageTitle: 'Meld en fejl – Superbruger',
  title: 'Meld en fejl',
  intro: 'Beskriv, hvad der er galt, så får superbrugerne besked.',
  asset: 'Udstyr',
  location: 'Placering',
  lookupFailed: 'Oplysninger om udstyret kunne ikke hentes lige nu. Du kan stadig skrive din fejlmelding.',
  text: 'Hvad er galt?',
  textHint: 'Fx „Printeren siger papirstop, men der sidder intet papir fast“.',
  optional: 'Resten er frivilligt. Skriv ikke CPR-numre.',
  name: 'Dit navn',
  contact: 'E-mail eller telefon',
  contactHint: 'Så kan en superbruger kontakte dig.',
  department: 'Afdeling',
  send: 'Send fejlmelding',
  sending: 'Sender …',
  textRequired: 'Skriv, hvad der er galt, før du sender.',
  offline: 'Din telefon kan ikke få forbindelse til serveren lige nu, så fejlmeldingen er ikke sendt. Din tekst står stadig i formularen – prøv igen, når du har forbindelse.',
  notDelivered: 'Fejlmeldingen kunne ikke afleveres. Kontakt en superbruger i din afdeling.',
  tooMany: 'Der er sendt mange fejlmeldinger herfra på kort tid. Vent lidt, og prøv igen.',
  invalid: 'Fejlmeldingen blev afvist, fordi et felt er for langt eller har en ugyldig værdi. Ret det, og prøv igen.',
  receiptTitle: 'Tak – din fejlmelding er modtaget',
  reference: 'Referencenummer',
  next: 'Superbrugerne ser fejlmeldingen, næste gang de synkroniserer, og en af dem tager sig af den. Har du skrevet e-mail eller telefon, kontakter de dig, hvis de har brug for mere. Nævn referencenummeret, hvis du spørger til sagen.',
  another: 'Meld en fejl mere',
  superuser: 'Er du superbruger? Åbn appen',
  tipsTitle: 'Tips til dette udstyr',
  tipsIntro: 'Måske kan du selv løse det – eller meld fejlen nedenfor:',
} as const
