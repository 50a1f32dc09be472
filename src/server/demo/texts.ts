// Danish texts of the demo requests: what colleagues ask about and what the superuser did. Written
// as superusers write them: short, no names of citizens, no document content, no CPR numbers.

/** The kinds of request the demo makes: the presets plus a few the presets do not cover. */
export type RequestKind =
  | 'acadreUnlock' | 'acadreAutoprofile' | 'acadreCheckedOut' | 'acadreArchive' | 'acadreHelp' | 'office'
  | 'templates' | 'doc2mail' | 'telephony' | 'password' | 'helpdesk' | 'dataProtection' | 'hardware'
  | 'onboarding' | 'userTest' | 'training' | 'mobileSetup' | 'paper' | 'specialistSystem' | 'other'

/** What a colleague asks about, per kind (several, so the list does not look copied). */
export const DESCRIPTIONS: Readonly<Record<RequestKind, readonly string[]>> = {
  acadreUnlock: ['Dokument låst i Acadre – kan ikke redigere', 'Kan ikke åbne dokument, det står som låst af en kollega', 'Acadre siger at dokumentet er i brug'],
  acadreAutoprofile: ['Ønsker autoprofil til nye byggesager', 'Autoprofil til mails fra fællespostkassen', 'Hjælp til at rette autoprofil efter ny sagsgang'],
  acadreCheckedOut: ['Dokumenter står udtjekket hos kollega på ferie', 'Kan ikke tjekke dokument ind efter nedbrud', 'Gennemgang af udtjekkede dokumenter i afdelingen'],
  acadreArchive: ['Spørgsmål til arkivaflevering af afsluttede sager', 'Forberedelse af arkivaflevering – lukning af gamle sager'],
  acadreHelp: ['Hvordan journaliserer jeg en mail med bilag?', 'Sag oprettet med forkert sagsgruppe', 'Kan ikke finde sag via søgning', 'Hjælp til at flytte dokument til anden sag', 'Navngivning af dokumenter efter retningslinjen', 'Partsrepræsentant mangler på sagen'],
  office: ['Outlook viser ikke delt kalender', 'Excel-ark låst til redigering', 'Word crasher ved fletning', 'Hjælp til sidetal i langt dokument', 'Teams-lyd virker ikke i møde', 'OneDrive synkroniserer ikke'],
  templates: ['Brevskabelon mangler logo', 'Skabeloncenter vises ikke i Word', 'Hjælp til at vælge rigtig skabelon til afgørelse', 'Flettefelter udfyldes ikke fra sagen'],
  doc2mail: ['Brev sidder fast i Doc2mail', 'Hvordan sendes til virksomhed med Digital Post?', 'Kvittering fra Digital Post er ikke journaliseret', 'Doc2mail afviser vedhæftet fil'],
  telephony: ['Viderestilling af telefon under ferie', 'Telefonkø for afdelingen skal ændres', 'Softphone i Teams ringer ikke', 'Voicemail skal sættes op'],
  password: ['Glemt adgangskode efter ferie', 'Konto låst efter for mange forsøg', 'Skal skifte adgangskode, men får fejl', 'To-faktor-app på ny telefon'],
  helpdesk: ['Fejl i Acadre ved upload af store filer', 'Netværksdrev G: forsvundet', 'Licens til Adobe mangler', 'VPN forbinder ikke hjemmefra'],
  dataProtection: ['Dokumenter med personoplysninger på G-drevet', 'Systemdokumenter skal journaliseres', 'Mail med følsomme oplysninger sendt ukrypteret – hvad gør vi?', 'Gamle regneark med borgeroplysninger på fællesdrev'],
  hardware: ['Printeren melder papirstop', 'Skærm på flexplads blinker', 'Docken giver ikke strøm til pc’en', 'Printer scanner ikke til mail', 'Headset virker ikke i Teams', 'Mødelokalets skærm finder ikke pc’en'],
  onboarding: ['Ny medarbejder starter – fællespostkasse og kalender', 'Opstart af ny kollega: Acadre og skabeloner', 'Ny medarbejder mangler adgang til afdelingens drev'],
  userTest: ['Test af ny Acadre-version i afdelingen', 'Brugertest af opdateret skabeloncenter'],
  training: ['Gennemgang af genveje i Acadre', 'Kort introduktion til journalisering for ny kollega', 'Tips og tricks om Outlook-regler', 'Oplæring i skabeloncentret'],
  mobileSetup: ['Ny iPhone skal sættes op', 'iPad til tilsyn skal have mail', 'Mobil virker ikke efter opdatering'],
  paper: ['Kopimaskinen mangler papir', 'Skærmkablet er faldet ud på flexpladsen', 'Toner skal skiftes i printeren'],
  specialistSystem: ['Ønsker nyt fagsystem til tilsyn', 'Kontrakt for fagsystem udløber', 'Stamdata i fagsystemet skal opdateres'],
  other: ['Spørgsmål om hvor filer skal gemmes', 'Hjælp til at bestille udstyr', 'Hvordan booker jeg et mødelokale?', 'Spørgsmål om informationssikkerhed på rejse'],
}

/** What the superuser did when it was solved on the spot. */
export const RESOLUTIONS: Readonly<Record<RequestKind, readonly string[]>> = {
  acadreUnlock: ['Låst op som superbruger.', 'Kollega tjekkede dokumentet ind, derefter låst op.'],
  acadreAutoprofile: ['Autoprofil oprettet og testet med kollegaen.', 'Autoprofil rettet til ny sagsgruppe.'],
  acadreCheckedOut: ['Dokumenterne tjekket ind efter aftale med kollegaen.', 'Tjekket ind og låst op.'],
  acadreArchive: ['Gennemgået liste over åbne sager med afdelingen.', 'Aftalt plan for lukning af sager.'],
  acadreHelp: ['Vist hvordan det gøres – kollegaen klarer det selv nu.', 'Rettet sammen med kollegaen.', 'Henvist til vejledningen om journalisering.'],
  office: ['Løst ved at genstarte programmet og rydde cachen.', 'Vist indstillingen.', 'Rettigheder sat op.'],
  templates: ['Skabeloncentret genindlæst i Word.', 'Vist den rigtige skabelon.'],
  doc2mail: ['Brevet sendt igen.', 'Vist hvordan modtager vælges.'],
  telephony: ['Viderestilling sat op.', 'Indstillinger rettet i Teams.'],
  password: ['Konto låst op.', 'Adgangskode nulstillet via selvbetjening sammen med kollegaen.'],
  helpdesk: ['IT-afdelingen har løst fejlen.', 'Løst af IT-afdelingen efter fjernsupport.'],
  dataProtection: ['Dokumenterne slettet efter aftale med teamlederen.', 'Journaliseret på rette sag og slettet fra drevet.'],
  hardware: ['Papirstop fjernet.', 'Kabel skiftet.', 'Genstartet, virker igen.'],
  onboarding: ['Adgange givet og testet.', 'Opsætning gennemgået med onboarding-kontakten.'],
  userTest: ['Testet uden fejl.'],
  training: ['Gennemgået med kollegaen.'],
  mobileSetup: [''],
  paper: [''],
  specialistSystem: [''],
  other: ['Svaret på spørgsmålet.', 'Vist hvor det findes på intranettet.'],
}

/** Notes on time entries that are not a request. */
export const ACTIVITY_NOTES = {
  udvikling: ['Observation i afdelingen: arbejdsgange i Acadre', 'Opsamling af ønsker til skabeloner', 'Forslag til navngivning af sager', 'Ideer til digitalisering samlet til ledelsen'],
  videndeling: ['Tips og tricks på afdelingsmødet', 'Oplæg om journaliseringspligt', 'Workshop om fraser i Word', 'Gennemgang af informationssikkerhed'],
  databeskyttelse: ['Gennemgang af fællesdrev med teamlederen', 'Journalisering af systemdokumenter'],
} as const
