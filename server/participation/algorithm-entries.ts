// Algorithm-register entries for citizen participation: the automatic checks a comment passes before it is stored.
import type { AlgorithmEntry } from '../algorithms/register.ts';
import { DEFAULT_COMMENT_LIMIT } from './comment-rate-limit.ts';

const { limit, windowMs } = DEFAULT_COMMENT_LIMIT;
const windowMin = windowMs / 60_000;

export const PARTICIPATION_ALGORITHMS: AlgorithmEntry[] = [
  {
    id: 'participation-personal-data-scan',
    title: { nl: 'Controle op persoonsgegevens in reacties', en: 'Personal-data check of comments' },
    purpose: {
      nl: 'Weigert een reactie van een bewoner die een e-mailadres, telefoonnummer, postcode met huisnummer of een BSN-achtig nummer bevat, omdat reacties openbaar en anoniem zijn (AVG: dataminimalisatie).',
      en: 'Refuses a resident\'s comment that contains an e-mail address, phone number, postcode with house number or a BSN-like number, because comments are public and anonymous (GDPR: data minimisation).',
    },
    inputs: ['comment text (Unicode, folded with NFKC)'],
    assumptions: [
      {
        nl: 'Herkend worden: e-mailadressen; Nederlandse telefoonnummers (10 cijfers beginnend met 0, of +31/0031 met 9 cijfers, ook met spaties, streepjes, punten of haakjes ertussen); een postcode (4 cijfers zonder voorloopnul en 2 letters) direct gevolgd door een huisnummer; precies 9 losse cijfers als mogelijk BSN.',
        en: 'Detected: e-mail addresses; Dutch phone numbers (10 digits starting with 0, or +31/0031 with 9 digits, also with spaces, dashes, dots or brackets in between); a postcode (4 digits without a leading zero and 2 letters) directly followed by a house number; exactly 9 digits on their own as a possible BSN.',
      },
      {
        nl: 'De bewoner krijgt meteen uitleg in gewone taal welk soort gegeven is gevonden (het gegeven zelf wordt niet herhaald) en kan de tekst aanpassen; de geweigerde tekst wordt niet opgeslagen.',
        en: 'The resident is told at once, in plain language, which kind of data was found (the data itself is not repeated) and can edit the text; the refused text is not stored.',
      },
    ],
    limits: [
      {
        nl: 'Vals alarm: elk los getal van 9 cijfers wordt geweigerd, ook een bedrag of kenmerk (er is geen elfproef); een 10-cijferig getal dat met 0 begint, telt als telefoonnummer.',
        en: 'False positives: any standalone 9-digit number is refused, also an amount or a reference (there is no eleven test); a 10-digit number starting with 0 counts as a phone number.',
      },
      {
        nl: 'Gemist: namen, straatnamen met huisnummer zonder postcode, buitenlandse telefoonnummers, uitgeschreven of verhulde gegevens ("nul zes …", "naam apenstaartje domein") en alles wat in een afbeelding of link staat. Daarom blijft moderatie nodig.',
        en: 'Missed: names, street names with a house number but no postcode, foreign phone numbers, spelled-out or obfuscated data ("zero six …", "name at domain") and anything inside an image or link. That is why moderation is still needed.',
      },
    ],
    owner: {
      nl: 'Team Participatie (participatiecoördinator) samen met de privacyfunctionaris; in de demo beheren de Tweeling-maintainers de code.',
      en: 'Participation team (participation coordinator) together with the privacy officer; in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'Weigeren gaat automatisch, met uitleg aan de bewoner. Wat de controle doorlaat, wacht als "in behandeling" tot een moderator het goedkeurt of verbergt; pas dan is het openbaar.',
      en: 'Refusal is automatic, with an explanation to the resident. What the check lets through waits as "pending" until a moderator approves or hides it; only then is it public.',
    },
    code: ['server/participation/personal-data-scan.ts', 'server/participation/participation-router.ts', 'server/participation/comment-store.ts'],
    references: ['AVG/GDPR art. 5(1)(c)', 'https://www.autoriteitpersoonsgegevens.nl/themas/basis-avg/privacy-en-persoonsgegevens/wat-zijn-persoonsgegevens'],
  },
  {
    id: 'participation-rate-limit',
    title: { nl: 'Maximum aantal reacties per tijdvak', en: 'Limit on comments per time window' },
    purpose: {
      nl: `Voorkomt dat één persoon of één netwerk een participatieronde overspoelt: hoogstens ${limit} reacties per ${windowMin} minuten.`,
      en: `Keeps one person or one network from flooding a participation round: at most ${limit} comments per ${windowMin} minutes.`,
    },
    inputs: ['participant token (cookie per browser, hashed per session)', 'client network address (TCP peer)', 'time of the comment'],
    assumptions: [
      {
        nl: `Twee tellers met een glijdend venster van ${windowMin} minuten, beide met een limiet van ${limit} (instelbaar met TWEELING_COMMENT_RATE_LIMIT): per deelnemer (gehashte token per sessie) en per clientnetwerk over alle sessies heen, zodat cookies wissen of van sessie wisselen geen nieuwe ruimte geeft. Alleen opgeslagen reacties tellen mee.`,
        en: `Two counters with a sliding ${windowMin}-minute window, both limited to ${limit} (configurable with TWEELING_COMMENT_RATE_LIMIT): per participant (hashed token per session) and per client network across all sessions, so clearing cookies or switching sessions buys no new allowance. Only stored comments count.`,
      },
      {
        nl: 'Clientnetwerk: een IPv4-adres afzonderlijk, een IPv6-adres per /56 (een huishouden krijgt meestal een /56 of /48). Het netwerk wordt gehasht met een sleutel die elke maand wisselt (oude sleutels worden gewist); adressen worden niet bewaard.',
        en: 'Client network: an IPv4 address on its own, an IPv6 address per /56 (a household usually gets a /56 or /48). The network is hashed with a key that changes every month (old keys are deleted); addresses are not kept.',
      },
      {
        nl: 'Bij weigering antwoordt de server met 429, Retry-After en RateLimit-koppen, zodat de pagina kan zeggen wanneer het weer kan.',
        en: 'A refusal is answered with 429, Retry-After and RateLimit headers, so the page can say when to try again.',
      },
    ],
    limits: [
      {
        nl: 'De tellers staan in de werkruimtedatabase en gelden dus voor alle servers samen; een telling wordt alleen bewaard zolang ze meetelt. Bij de maandwissel begint de clientteller opnieuw (nieuwe sleutel), zodat één netwerk rond middernacht op de eerste tot tweemaal de limiet kan plaatsen.',
        en: 'The counters live in the workspace database, so they hold for all servers together; a hit is kept only while it counts. At the change of month the client counter starts afresh (new key), so one network may place up to twice the limit around midnight on the first.',
      },
      {
        nl: 'Bewoners achter één gedeeld adres (school, bibliotheek, bedrijfsnetwerk, carrier-grade NAT) delen één teller. Achter een reverse proxy is het adres dat van de proxy (X-Forwarded-For wordt bewust niet vertrouwd), dus delen alle bewoners dan één teller.',
        en: 'Residents behind one shared address (school, library, company network, carrier-grade NAT) share one counter. Behind a reverse proxy the address is the proxy\'s (X-Forwarded-For is deliberately not trusted), so all residents then share one counter.',
      },
    ],
    owner: {
      nl: 'Team Participatie (participatiecoördinator) samen met functioneel beheer; in de demo beheren de Tweeling-maintainers de code.',
      en: 'Participation team (participation coordinator) together with application management; in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'Geen beoordeling per geval: een weigering gaat automatisch en vervalt vanzelf na het venster. Functioneel beheer stelt de limiet in; moderatie van de reacties zelf blijft gewoon gelden.',
      en: 'No review per case: a refusal is automatic and lapses by itself after the window. Application management sets the limit; moderation of the comments themselves still applies.',
    },
    code: [
      'server/participation/comment-rate-limit.ts',
      'server/participation/client-bucket.ts',
      'server/participation/participation-router.ts',
    ],
    references: ['RELIABILITY.md #16, #17', 'draft-ietf-httpapi-ratelimit-headers', 'RFC 6585 §4 (429 Too Many Requests)'],
  },
];
